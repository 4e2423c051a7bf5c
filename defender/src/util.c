/* util: growable buffers, files, time, ids and logging shared by every part of the defender. */
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static void wd_buf_grow(struct wd_buf *b, size_t extra)
{
	size_t need, cap;
	char *data;

	if (b->oom)
		return;
	need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	cap = b->cap ? b->cap : 256;
	while (cap < need)
		cap *= 2;
	data = realloc(b->data, cap);
	if (!data) {
		b->oom = true;
		return;
	}
	b->data = data;
	b->cap = cap;
}

void wd_buf_add(struct wd_buf *b, const void *data, size_t len)
{
	wd_buf_grow(b, len);
	if (b->oom)
		return;
	memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
}

void wd_buf_puts(struct wd_buf *b, const char *s)
{
	wd_buf_add(b, s, strlen(s));
}

void wd_buf_printf(struct wd_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->oom = true;
		return;
	}
	wd_buf_grow(b, (size_t)n);
	if (b->oom)
		return;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void wd_buf_reset(struct wd_buf *b)
{
	b->len = 0;
	b->oom = false;
	if (b->data)
		b->data[0] = '\0';
}

void wd_buf_free(struct wd_buf *b)
{
	free(b->data);
	memset(b, 0, sizeof(*b));
}

char *wd_buf_steal(struct wd_buf *b)
{
	char *s;

	if (b->oom || !b->data) {
		if (!b->oom)
			return strdup("");
		wd_buf_free(b);
		return NULL;
	}
	s = b->data;
	memset(b, 0, sizeof(*b));
	return s;
}

int wd_read_file(const char *path, struct wd_buf *out, size_t max)
{
	char chunk[4096];
	ssize_t n;
	int fd, ret = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	for (;;) {
		n = read(fd, chunk, sizeof(chunk));
		if (n < 0) {
			if (errno == EINTR)
				continue;
			ret = -errno;
			goto out_close;
		}
		if (n == 0)
			break;
		if (out->len + (size_t)n > max) {
			ret = -EFBIG;
			goto out_close;
		}
		wd_buf_add(out, chunk, (size_t)n);
	}
	if (out->oom)
		ret = -ENOMEM;
	else if (!out->data)
		wd_buf_add(out, "", 0);
out_close:
	close(fd);
	return ret;
}

/* Write to a temporary name, fsync, then rename: readers see the old or the new file, never half. */
int wd_write_file_atomic(const char *path, const void *data, size_t len)
{
	char tmp[4096];
	const char *p = data;
	ssize_t n;
	int fd, ret = 0;

	if (snprintf(tmp, sizeof(tmp), "%s.tmp.%d", path, (int)getpid()) >= (int)sizeof(tmp))
		return -ENAMETOOLONG;
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	while (len > 0) {
		n = write(fd, p, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			ret = -errno;
			goto out_unlink;
		}
		p += n;
		len -= (size_t)n;
	}
	if (fsync(fd) < 0) {
		ret = -errno;
		goto out_unlink;
	}
	if (close(fd) < 0) {
		fd = -1;
		ret = -errno;
		goto out_unlink;
	}
	if (rename(tmp, path) < 0) {
		ret = -errno;
		unlink(tmp);
	}
	return ret;
out_unlink:
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	return ret;
}

int wd_mkdirs(const char *path, mode_t mode)
{
	char buf[4096];
	size_t len = strlen(path);

	if (len == 0 || len >= sizeof(buf))
		return -EINVAL;
	memcpy(buf, path, len + 1);
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, mode) < 0 && errno != EEXIST)
			return -errno;
		*p = '/';
	}
	if (mkdir(buf, mode) < 0 && errno != EEXIST)
		return -errno;
	return 0;
}

static int wd_random_bytes(void *out, size_t len)
{
	char *p = out;
	ssize_t n;

	while (len > 0) {
		n = getrandom(p, len, 0);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int wd_uuid4(char out[37])
{
	unsigned char b[16];
	int ret;

	ret = wd_random_bytes(b, sizeof(b));
	if (ret < 0)
		return ret;
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
	snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		 b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12],
		 b[13], b[14], b[15]);
	return 0;
}

uint32_t wd_random_u32(void)
{
	uint32_t v = 0;

	if (wd_random_bytes(&v, sizeof(v)) < 0)
		v = (uint32_t)wd_monotonic_ms();
	return v;
}

int64_t wd_backoff_next(struct wd_backoff *b)
{
	b->step_ms = b->step_ms ? b->step_ms * 2 : b->first_ms;
	if (b->step_ms > b->max_ms)
		b->step_ms = b->max_ms;
	return b->step_ms / 2 + wd_random_u32() % (uint32_t)(b->step_ms / 2 + 1);
}

void wd_backoff_reset(struct wd_backoff *b)
{
	b->step_ms = 0;
}

int64_t wd_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t wd_monotonic_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void wd_format_time(int64_t sec, long nsec, char out[40])
{
	struct tm tm;
	time_t t = (time_t)sec;

	gmtime_r(&t, &tm);
	snprintf(out, 40, "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", (tm.tm_year + 1900) % 10000,
		 (tm.tm_mon + 1) % 100, tm.tm_mday % 100, tm.tm_hour % 100, tm.tm_min % 100,
		 tm.tm_sec % 100, (int)((nsec / 1000) % 1000000));
}

/* Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm). */
static int64_t wd_days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

/* Parses RFC 3339 UTC/offset times such as 2026-11-28T12:14:03.123Z or ...+01:00. */
int wd_parse_time_ms(const char *iso, int64_t *out_ms)
{
	int y, mo, d, h, mi, s, consumed = 0;
	int64_t ms = 0, scale = 100, offset = 0;
	const char *p;

	if (sscanf(iso, "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &s, &consumed) != 6)
		return -EINVAL;
	p = iso + consumed;
	if (*p == '.') {
		for (p++; *p >= '0' && *p <= '9'; p++) {
			ms += (*p - '0') * scale;
			scale /= 10;
		}
	}
	if (*p == '+' || *p == '-') {
		int oh, om;
		if (sscanf(p + 1, "%2d:%2d", &oh, &om) != 2)
			return -EINVAL;
		offset = (int64_t)(oh * 3600 + om * 60) * (*p == '+' ? 1 : -1);
	} else if (*p != 'Z' && *p != 'z') {
		return -EINVAL;
	}
	*out_ms = ((wd_days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60 +
		    s - offset) *
		   1000) +
		  ms;
	return 0;
}

void wd_log(const char *fmt, ...)
{
	char line[1024];
	va_list ap;
	int n;

	n = snprintf(line, sizeof(line), "ward-defender: ");
	va_start(ap, fmt);
	vsnprintf(line + n, sizeof(line) - (size_t)n - 1, fmt, ap);
	va_end(ap);
	strcat(line, "\n");
	if (write(STDERR_FILENO, line, strlen(line)) < 0) {
		/* nowhere left to report a failing stderr */
	}
}

void wd_deadline_in(int ms, struct timespec *out)
{
	clock_gettime(CLOCK_REALTIME, out);
	out->tv_sec += ms / 1000;
	out->tv_nsec += (long)(ms % 1000) * 1000000L;
	if (out->tv_nsec >= 1000000000L) {
		out->tv_sec++;
		out->tv_nsec -= 1000000000L;
	}
}

struct wd_thread_begin {
	void *(*fn)(void *);
	void *arg;
	char name[16];
};

static void *wd_thread_main(void *arg)
{
	struct wd_thread_begin begin = *(struct wd_thread_begin *)arg;

	free(arg);
	pthread_setname_np(pthread_self(), begin.name);
	return begin.fn(begin.arg);
}

int wd_thread_start(const char *name, void *(*fn)(void *), void *arg, size_t stack_size,
		    pthread_t *joinable)
{
	struct wd_thread_begin *begin = malloc(sizeof(*begin));
	pthread_attr_t attr;
	pthread_t thread;
	sigset_t all, old;
	int ret;

	if (!begin) {
		wd_log("cannot start thread %s: %s", name, strerror(ENOMEM));
		return -ENOMEM;
	}
	*begin = (struct wd_thread_begin){.fn = fn, .arg = arg};
	snprintf(begin->name, sizeof(begin->name), "%s", name);
	pthread_attr_init(&attr);
	if (stack_size)
		pthread_attr_setstacksize(&attr, stack_size);
	if (!joinable)
		pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	/* a new thread inherits the mask: blocked before it exists, no signal can reach it */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	ret = pthread_create(&thread, &attr, wd_thread_main, begin);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	pthread_attr_destroy(&attr);
	if (ret != 0) {
		free(begin);
		wd_log("cannot start thread %s: %s", name, strerror(ret));
		return -ret;
	}
	if (joinable)
		*joinable = thread;
	return 0;
}

void wd_sleep_ms(int64_t ms)
{
	struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000L};

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}
