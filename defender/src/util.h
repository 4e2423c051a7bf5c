/* util: growable buffers, files, time, ids and logging shared by every part of the defender. */
#ifndef WD_UTIL_H
#define WD_UTIL_H

#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define WD_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* A growable byte buffer; `oom` is sticky so callers check once at the end. */
struct wd_buf {
	char *data;
	size_t len;
	size_t cap;
	bool oom;
};

void wd_buf_add(struct wd_buf *b, const void *data, size_t len);
void wd_buf_puts(struct wd_buf *b, const char *s);
void wd_buf_printf(struct wd_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void wd_buf_reset(struct wd_buf *b);
void wd_buf_free(struct wd_buf *b);
/* Hands the NUL-terminated contents to the caller (NULL after an allocation failure). */
char *wd_buf_steal(struct wd_buf *b);

int wd_read_file(const char *path, struct wd_buf *out, size_t max);
int wd_write_file_atomic(const char *path, const void *data, size_t len);
int wd_mkdirs(const char *path, mode_t mode);

int wd_uuid4(char out[37]);
int64_t wd_now_ms(void);
int64_t wd_monotonic_ms(void);
/* Sleeps `ms` milliseconds, going on after signals. */
void wd_sleep_ms(int64_t ms);
void wd_format_time(int64_t sec, long nsec, char out[40]);
int wd_parse_time_ms(const char *iso, int64_t *out_ms);
uint32_t wd_random_u32(void);
/* Retry pacing after failures: the wait doubles from first_ms up to max_ms, and only half of it is
 * fixed, the other half random, so that many defenders failing together do not come back together. */
struct wd_backoff {
	int64_t first_ms, max_ms;
	int64_t step_ms; /* 0 until the first failure */
};
/* The wait before the next attempt, after one more failure. */
int64_t wd_backoff_next(struct wd_backoff *b);
/* After a success: the next failure waits first_ms again. */
void wd_backoff_reset(struct wd_backoff *b);
struct timespec;
/* CLOCK_REALTIME deadline `ms` from now, for pthread_cond_timedwait. */
void wd_deadline_in(int ms, struct timespec *out);
/* The one way the defender starts a thread: fn(arg) runs under `name` (15 characters shown in
 * /proc/<pid>/task/<tid>/comm) on `stack_size` bytes of stack (0: the C library's default), with
 * every signal blocked, for signals are the supervisor's (it reads them through a signalfd).
 * Detached when `joinable` is NULL, else joinable with its id stored there. Logs and returns
 * -errno when the thread cannot start (fn is then not called, arg stays the caller's). */
int wd_thread_start(const char *name, void *(*fn)(void *), void *arg, size_t stack_size,
		    pthread_t *joinable);

void wd_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
