/* exec: turns a trapped execve/execveat into facts — argv from the target's memory, the file the
 * kernel will run (cwd/root/dirfd, symlinks, #! interpreters), modification time, socket stdio. */
#include "exec.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "kernel.h"
#include "match.h"
#include "mounts.h"
#include "util.h"

/* openat rather than open throughout: musl's open adds an fcntl per O_CLOEXEC call, and these
 * run on every exec */
static struct timespec wd_start_time;
static bool wd_vm_readv_refused;
static dev_t wd_root_dev, wd_mntns_dev;
static ino_t wd_root_ino, wd_mntns_ino;
static atomic_bool wd_roots_differ;

void wd_exec_mark_start(void)
{
	struct stat st;

	/* inode times come from the coarse clock, so compare against the same clock */
	clock_gettime(CLOCK_REALTIME_COARSE, &wd_start_time);
	if (stat("/", &st) == 0) {
		wd_root_dev = st.st_dev;
		wd_root_ino = st.st_ino;
	}
	if (stat("/proc/self/ns/mnt", &st) == 0) {
		wd_mntns_dev = st.st_dev;
		wd_mntns_ino = st.st_ino;
	}
	wd_mounts_mark_start();
}

void wd_exec_note_root_change(void)
{
	atomic_store(&wd_roots_differ, true);
}

bool wd_exec_roots_may_differ(void)
{
	return atomic_load(&wd_roots_differ);
}

int wd_exec_is_kernel_error(int err)
{
	return err == -ENOENT || err == -EACCES || err == -ENOTDIR || err == -ELOOP ||
	       err == -ENAMETOOLONG || err == -EBADF || err == -ENOEXEC || err == -EISDIR;
}

/* The target's memory: process_vm_readv by tid (no /proc lookup, no file; ~7 us cheaper per exec),
 * or /proc/TID/mem where that call is refused. Either way the notification is checked with
 * ID_VALID after the reads, so the tid still named the waiting task throughout. Reads go in
 * batches: the heads of the path and of the argv array in one call, then the heads of up to 32
 * argument strings in another; what a head does not hold is read on demand. */
#define WD_MEM_HEADS 34
#define WD_MEM_HEAD_LEN 256
struct wd_mem {
	pid_t tid;
	int fd; /* -1: process_vm_readv */
	int npre;
	struct {
		uint64_t addr;
		size_t len;
		char buf[WD_MEM_HEAD_LEN];
	} pre[WD_MEM_HEADS];
};

static size_t wd_page_left(uint64_t addr, size_t cap)
{
	size_t left = 4096 - (addr & 4095);
	return left < cap ? left : cap;
}

static bool wd_mem_has(const struct wd_mem *m, uint64_t addr)
{
	for (int i = 0; i < m->npre; i++)
		if (addr >= m->pre[i].addr && addr < m->pre[i].addr + m->pre[i].len)
			return true;
	return false;
}

/* One process_vm_readv for the first bytes at each address not held yet (each within its page).
 * The kernel stops at the first region it cannot read: the regions before it are kept. */
static void wd_mem_prefetch(struct wd_mem *m, const uint64_t *addrs, int count)
{
	struct iovec local[WD_MEM_HEADS], remote[WD_MEM_HEADS];
	int first = m->npre, cnt = 0;
	ssize_t n;

	if (m->fd >= 0)
		return;
	for (int i = 0; i < count && first + cnt < WD_MEM_HEADS; i++) {
		int k = first + cnt;
		if (!addrs[i] || wd_mem_has(m, addrs[i]))
			continue;
		m->pre[k].addr = addrs[i];
		m->pre[k].len = wd_page_left(addrs[i], WD_MEM_HEAD_LEN);
		local[cnt].iov_base = m->pre[k].buf;
		local[cnt].iov_len = m->pre[k].len;
		remote[cnt].iov_base = (void *)(uintptr_t)addrs[i];
		remote[cnt].iov_len = m->pre[k].len;
		cnt++;
	}
	if (!cnt)
		return;
	n = process_vm_readv(m->tid, local, (unsigned long)cnt, remote, (unsigned long)cnt, 0);
	for (int i = 0; i < cnt && n >= (ssize_t)local[i].iov_len; i++) {
		n -= (ssize_t)local[i].iov_len;
		m->npre++;
	}
}

/* short_ok: a string read may take fewer bytes than asked (it goes on from where it stopped) */
static ssize_t wd_mem_pread(const struct wd_mem *m, void *buf, size_t len, uint64_t addr,
			    bool short_ok)
{
	for (int i = 0; i < m->npre; i++) {
		uint64_t end = m->pre[i].addr + m->pre[i].len;
		if (addr >= m->pre[i].addr && addr < end && (short_ok || addr + len <= end)) {
			size_t take = end - addr < len ? (size_t)(end - addr) : len;
			memcpy(buf, m->pre[i].buf + (addr - m->pre[i].addr), take);
			return (ssize_t)take;
		}
	}
	if (m->fd < 0) {
		struct iovec local = {.iov_base = buf, .iov_len = len};
		struct iovec remote = {.iov_base = (void *)(uintptr_t)addr, .iov_len = len};
		ssize_t n = process_vm_readv(m->tid, &local, 1, &remote, 1, 0);
		if (n < 0 && errno == EFAULT) {
			size_t in_page = 4096 - (addr & 4095);
			if (in_page < len) /* keep what the first page holds, as pread would */
				return wd_mem_pread(m, buf, in_page, addr, short_ok);
			return 0; /* unmapped: as a /proc/PID/mem read at that address */
		}
		return n;
	}
	return pread(m->fd, buf, len, (off_t)addr);
}

/* Reads a NUL-terminated string; partial reads happen at unmapped pages and are fine. */
static ssize_t wd_mem_read_string(const struct wd_mem *m, uint64_t addr, char *buf, size_t cap)
{
	size_t len = 0;

	while (len < cap) {
		size_t want = cap - len;
		ssize_t n;
		char *nul;

		if (want > 4096 - ((addr + len) & 4095))
			want = 4096 - ((addr + len) & 4095);
		n = wd_mem_pread(m, buf + len, want, addr + len, true);
		if (n < 0)
			return errno == EIO ? -EFAULT : -errno;
		if (n == 0)
			return -EFAULT;
		nul = memchr(buf + len, '\0', (size_t)n);
		if (nul)
			return nul - buf;
		len += (size_t)n;
	}
	return -E2BIG;
}

/* argv joined by spaces, cut at WD_MAX_COMMAND */
static void wd_build_command(struct wd_exec_info *info)
{
	struct wd_exec_facts *f = &info->facts;
	size_t cmd = 0;

	f->argv = info->argv;
	info->command[0] = '\0';
	for (int i = 0; i < f->argc && cmd + 1 < sizeof(info->command); i++) {
		int n = snprintf(info->command + cmd, sizeof(info->command) - cmd, "%s%s",
				 i ? " " : "", info->argv[i]);
		cmd += (size_t)n;
	}
	f->command = info->command;
}

/* Scans one argument from `addr` to its NUL for a mining-pool scheme, in chunks that overlap by
 * the longest scheme's length. `budget` bounds all arguments together: the kernel refuses an exec
 * whose arguments exceed a few MiB anyway (E2BIG), so a bigger one is not looked at further. */
#define WD_SCAN_BUDGET (8u << 20)
#define WD_SCAN_OVERLAP 15 /* strlen("stratum2+tcp://") */
static int wd_scan_argument(const struct wd_mem *m, uint64_t addr, size_t *budget, bool *found)
{
	char chunk[WD_SCAN_OVERLAP + 4096 + 1];
	size_t kept = 0;

	while (*budget > 0) {
		size_t want = wd_page_left(addr, 4096);
		ssize_t n = wd_mem_pread(m, chunk + kept, want, addr, true);
		char *nul;

		if (n < 0)
			return errno == EIO ? -EFAULT : -errno;
		if (n == 0)
			return -EFAULT;
		*budget = (size_t)n > *budget ? 0 : *budget - (size_t)n;
		nul = memchr(chunk + kept, '\0', (size_t)n);
		chunk[kept + (size_t)n] = '\0';
		if (wd_is_mining_argument(chunk)) {
			*found = true;
			return 0;
		}
		if (nul)
			return 0;
		addr += (uint64_t)n;
		kept += (size_t)n;
		if (kept > WD_SCAN_OVERLAP) {
			memmove(chunk, chunk + kept - WD_SCAN_OVERLAP, WD_SCAN_OVERLAP);
			kept = WD_SCAN_OVERLAP;
		}
	}
	return 0;
}

/* Keeps the first arguments (up to WD_MAX_ARGS and WD_MAX_ARG_BYTES) for the audit's command and
 * looks through every argument, kept or not, for a mining pool: padding a command past what is
 * kept must not hide one. */
static int wd_read_argv(struct wd_mem *m, uint64_t argv_addr, struct wd_exec_info *info)
{
	struct wd_exec_facts *f = &info->facts;
	size_t used = 0, budget = WD_SCAN_BUDGET;
	uint64_t ptrs[32];
	long i = 0;
	int ret;

	f->argc = 0;
	f->mining_argument = false;
	for (; argv_addr && budget > 0; i++) {
		int batch = (int)(i % 32);
		ssize_t len;

		if (batch == 0) {
			ssize_t n = wd_mem_pread(m, ptrs, sizeof(ptrs), argv_addr + (uint64_t)i * 8, false);
			if (n < 8)
				return -EFAULT;
			if ((size_t)n < sizeof(ptrs))
				memset((char *)ptrs + n, 0, sizeof(ptrs) - (size_t)n);
			m->npre = m->npre > 2 ? 2 : m->npre; /* the previous batch's strings are done */
			wd_mem_prefetch(m, ptrs, 32);
		}
		if (ptrs[batch] == 0)
			break;
		if (f->argc == WD_MAX_ARGS || used >= sizeof(info->arg_bytes) - 1) {
			ret = f->mining_argument ? 0 : wd_scan_argument(m, ptrs[batch], &budget,
									 &f->mining_argument);
			if (ret < 0)
				return ret;
			continue;
		}
		len = wd_mem_read_string(m, ptrs[batch], info->arg_bytes + used,
					 sizeof(info->arg_bytes) - used);
		if (len == -E2BIG) {
			/* kept cut short; the rest is scanned from just before the cut */
			len = (ssize_t)(sizeof(info->arg_bytes) - used - 1);
			info->arg_bytes[used + (size_t)len] = '\0';
			ret = wd_scan_argument(m, ptrs[batch] + (uint64_t)len -
						      (len > WD_SCAN_OVERLAP ? WD_SCAN_OVERLAP : len),
					       &budget, &f->mining_argument);
			if (ret < 0)
				return ret;
		} else if (len < 0) {
			return (int)len;
		}
		info->argv[f->argc++] = info->arg_bytes + used;
		f->mining_argument = f->mining_argument || wd_is_mining_argument(info->arg_bytes + used);
		used += (size_t)len + 1;
	}
	wd_build_command(info);
	return 0;
}

/* 1 when the target resolves paths exactly as the defender does: the same root directory and the
 * same mount namespace (in another one, the same root can hold other mounts). */
static int wd_same_root(pid_t tid)
{
	char link[64];
	struct stat st;

	snprintf(link, sizeof(link), "/proc/%d/root", tid);
	if (stat(link, &st) < 0)
		return -errno;
	if (st.st_dev != wd_root_dev || st.st_ino != wd_root_ino)
		return 0;
	snprintf(link, sizeof(link), "/proc/%d/ns/mnt", tid);
	if (stat(link, &st) < 0)
		return -errno;
	return st.st_dev == wd_mntns_dev && st.st_ino == wd_mntns_ino;
}

/* Opens (O_PATH) what the target's exec would open, resolving in the target's cwd, dirfd and root. */
static int wd_open_target_file(pid_t tid, int same_root, int dirfd, const char *path, int at_flags)
{
	char proc[96], fixed[PATH_MAX];
	int nofollow = (at_flags & AT_SYMLINK_NOFOLLOW) ? O_NOFOLLOW : 0;
	int base, fd;

	if (path[0] == '\0') {
		if (!(at_flags & AT_EMPTY_PATH))
			return -ENOENT;
		if (dirfd == AT_FDCWD)
			return -EACCES;
		snprintf(proc, sizeof(proc), "/proc/%d/fd/%d", tid, dirfd);
		fd = openat(AT_FDCWD, proc, O_PATH | O_CLOEXEC);
		return fd < 0 ? (errno == ENOENT ? -EBADF : -errno) : fd;
	}
	if (path[0] == '/') {
		if (!same_root) {
			struct open_how how = {.flags = O_PATH | O_CLOEXEC | nofollow,
					       .resolve = RESOLVE_IN_ROOT};
			snprintf(proc, sizeof(proc), "/proc/%d/root", tid);
			base = openat(AT_FDCWD, proc, O_PATH | O_DIRECTORY | O_CLOEXEC);
			if (base < 0)
				return -errno;
			/* without openat2 (RESOLVE_IN_ROOT) no lookup is bounded by that root */
			fd = wd_kernel.openat2 ? (int)syscall(SYS_openat2, base, path, &how, sizeof(how))
					       : (errno = ENOSYS, -1);
			fd = fd < 0 ? -errno : fd;
			close(base);
			return fd;
		}
		/* /proc/self in the target means the target, not the defender */
		if (strncmp(path, "/proc/self/", 11) == 0) {
			if (snprintf(fixed, sizeof(fixed), "/proc/%d/%s", tid, path + 11) >=
			    (int)sizeof(fixed))
				return -ENAMETOOLONG;
			path = fixed;
		} else if (strncmp(path, "/proc/thread-self/", 18) == 0) {
			if (snprintf(fixed, sizeof(fixed), "/proc/%d/%s", tid, path + 18) >=
			    (int)sizeof(fixed))
				return -ENAMETOOLONG;
			path = fixed;
		}
		fd = openat(AT_FDCWD, path, O_PATH | O_CLOEXEC | nofollow);
		return fd < 0 ? -errno : fd;
	}
	if (dirfd == AT_FDCWD)
		snprintf(proc, sizeof(proc), "/proc/%d/cwd", tid);
	else
		snprintf(proc, sizeof(proc), "/proc/%d/fd/%d", tid, dirfd);
	base = openat(AT_FDCWD, proc, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (base < 0)
		return errno == ENOENT && dirfd != AT_FDCWD ? -EBADF : -errno;
	fd = openat(base, path, O_PATH | O_CLOEXEC | nofollow);
	fd = fd < 0 ? -errno : fd;
	close(base);
	return fd;
}

/* Inode times are taken from the coarse clock (one tick late at most), so a file written just
 * after the start can carry the start's own tick: ">=" keeps it from slipping through. */
static bool wd_after_start(const struct timespec *t)
{
	return t->tv_sec > wd_start_time.tv_sec ||
	       (t->tv_sec == wd_start_time.tv_sec && t->tv_nsec >= wd_start_time.tv_nsec);
}

/* What the two caches below key a file by: device, inode, ctime, mtime and size. Any write or
 * metadata change after the start moves ctime to a time at or after the start (and marks the file
 * modified), and entries are made only for files older than the start, so a matching stamp cannot
 * be stale. */
struct wd_file_stamp {
	bool valid;
	dev_t dev;
	ino_t ino;
	struct timespec ctim, mtim;
	off_t size;
};

static struct wd_file_stamp wd_stamp_of(const struct stat *st)
{
	return (struct wd_file_stamp){.valid = true, .dev = st->st_dev, .ino = st->st_ino,
				      .ctim = st->st_ctim, .mtim = st->st_mtim, .size = st->st_size};
}

static bool wd_stamp_matches(const struct wd_file_stamp *s, const struct stat *st)
{
	return s->valid && s->dev == st->st_dev && s->ino == st->st_ino &&
	       s->ctim.tv_sec == st->st_ctim.tv_sec && s->ctim.tv_nsec == st->st_ctim.tv_nsec &&
	       s->mtim.tv_sec == st->st_mtim.tv_sec && s->mtim.tv_nsec == st->st_mtim.tv_nsec &&
	       s->size == st->st_size;
}

/* The #! line of files unchanged since the defender started, by stamp: saves the reopen and read
 * of the file's head on every exec. */
#define WD_HEAD_CACHE 64
struct wd_head_entry {
	struct wd_file_stamp stamp;
	char interp[128];
};
static struct wd_head_entry wd_head_cache[WD_HEAD_CACHE];

/* Fills one image from an O_PATH fd, and `st` with its fstat; returns the #! interpreter path in
 * `interp` (or ""). */
static int wd_describe_image(pid_t tid, int same_root, int fd, struct wd_exec_image *img,
			     char *interp, size_t interp_cap, struct stat *st)
{
	char self[64], head[256];
	struct wd_head_entry *slot;
	ssize_t n;
	int rfd;

	interp[0] = '\0';
	if (fstat(fd, st) < 0)
		return -errno;
	if (S_ISLNK(st->st_mode))
		return -ELOOP;
	if (S_ISDIR(st->st_mode))
		return -EACCES;
	if (!S_ISREG(st->st_mode) || !(st->st_mode & 0111))
		return -EACCES;
	snprintf(self, sizeof(self), "/proc/self/fd/%d", fd);
	n = readlink(self, img->path, sizeof(img->path) - 1);
	if (n < 0)
		return -errno;
	img->path[n] = '\0';
	if (!same_root) {
		char root[PATH_MAX], link[64];
		ssize_t rn;
		snprintf(link, sizeof(link), "/proc/%d/root", tid);
		rn = readlink(link, root, sizeof(root) - 1);
		if (rn > 1 && strncmp(img->path, root, (size_t)rn) == 0 && img->path[rn] == '/')
			memmove(img->path, img->path + rn, strlen(img->path + rn) + 1);
	}
	img->modified = wd_after_start(&st->st_ctim) || wd_after_start(&st->st_mtim) ||
			wd_mounts_after_start(fd, tid);
	img->setuid = (st->st_mode & (S_ISUID | S_ISGID)) != 0;
	img->dev = st->st_dev;
	img->ino = st->st_ino;
	slot = &wd_head_cache[st->st_ino % WD_HEAD_CACHE];
	if (!img->modified && wd_stamp_matches(&slot->stamp, st)) {
		if (strlen(slot->interp) < interp_cap)
			strcpy(interp, slot->interp);
		return 0;
	}
	rfd = openat(AT_FDCWD, self, O_RDONLY | O_CLOEXEC);
	if (rfd < 0)
		return 0; /* unreadable: the kernel can still run a binary, but not a script */
	n = read(rfd, head, sizeof(head) - 1);
	close(rfd);
	if (n < 0)
		return 0;
	if (n > 2 && head[0] == '#' && head[1] == '!') {
		char *p = head + 2, *end;
		head[n] = '\0';
		while (*p == ' ' || *p == '\t')
			p++;
		end = p;
		while (*end && *end != ' ' && *end != '\t' && *end != '\n')
			end++;
		if (end > p && (size_t)(end - p) < interp_cap) {
			memcpy(interp, p, (size_t)(end - p));
			interp[end - p] = '\0';
		}
	}
	if (!img->modified && strlen(interp) < sizeof(slot->interp)) {
		slot->stamp = wd_stamp_of(st);
		strcpy(slot->interp, interp);
	}
	return 0;
}

/* What an absolute exec path resolved to, keyed by the path as the target passed it, for files
 * unchanged since the start: one stat() (which follows the same symlinks the kernel will) instead
 * of open, fstat, readlink and close on every exec. A hit needs the same device, inode, ctime,
 * mtime and size, so a re-pointed symlink, a replaced or a written file misses; the file the
 * kernel then really runs is still checked after the exec (verify.c). Only while every process
 * shares the defender's root, so that the path means the same file for both. */
#define WD_PATH_CACHE 64
#define WD_PATH_CACHE_LEN 256
struct wd_path_entry {
	struct wd_file_stamp stamp;
	char requested[WD_PATH_CACHE_LEN];
	char resolved[WD_PATH_CACHE_LEN];
	char interp[128];
	bool setuid;
};
static struct wd_path_entry wd_path_cache[WD_PATH_CACHE];

static bool wd_path_cacheable(int same_root, const char *path, int at_flags)
{
	return same_root == 1 && path[0] == '/' && strncmp(path, "/proc/", 6) != 0 &&
	       !(at_flags & AT_SYMLINK_NOFOLLOW) && strlen(path) < WD_PATH_CACHE_LEN;
}

static struct wd_path_entry *wd_path_slot(const char *path)
{
	uint32_t h = 2166136261u; /* FNV-1a */

	for (const unsigned char *c = (const unsigned char *)path; *c; c++)
		h = (h ^ *c) * 16777619u;
	return &wd_path_cache[h % WD_PATH_CACHE];
}

/* True when `path` still names the cached, unmodified file: fills the image and interpreter. */
static bool wd_path_cached(const char *path, struct wd_exec_image *img, char *interp,
			   size_t interp_cap)
{
	struct wd_path_entry *e = wd_path_slot(path);
	struct stat st;

	if (!e->stamp.valid || strcmp(e->requested, path) != 0 || stat(path, &st) < 0)
		return false;
	if (!wd_stamp_matches(&e->stamp, &st) || strlen(e->interp) >= interp_cap)
		return false;
	strcpy(img->path, e->resolved);
	strcpy(interp, e->interp);
	img->modified = false; /* entries are made only for unmodified files */
	img->setuid = e->setuid;
	img->dev = st.st_dev;
	img->ino = st.st_ino;
	return true;
}

static void wd_path_remember(const char *path, const struct wd_exec_image *img, const char *interp,
			     const struct stat *st)
{
	struct wd_path_entry *e = wd_path_slot(path);

	if (img->modified || strlen(img->path) >= sizeof(e->resolved) ||
	    strlen(interp) >= sizeof(e->interp))
		return;
	strcpy(e->requested, path);
	strcpy(e->resolved, img->path);
	strcpy(e->interp, interp);
	e->setuid = img->setuid;
	e->stamp = wd_stamp_of(st);
}

/* The image the kernel will load for `path` (as execve/execveat with dirfd and flags would open
 * it) and its #! interpreter, if any. */
static int wd_resolve_image(pid_t tid, int same_root, int dirfd, const char *path, int at_flags,
			    struct wd_exec_image *img, char *interp, size_t interp_cap)
{
	bool cacheable = wd_path_cacheable(same_root, path, at_flags);
	struct stat st;
	int fd, ret;

	if (cacheable && wd_path_cached(path, img, interp, interp_cap))
		return 0;
	fd = wd_open_target_file(tid, same_root, dirfd, path, at_flags);
	if (fd < 0)
		return fd;
	ret = wd_describe_image(tid, same_root, fd, img, interp, interp_cap, &st);
	if (ret == 0 && cacheable)
		wd_path_remember(path, img, interp, &st);
	close(fd);
	return ret;
}

static int wd_socket_is_network(pid_t tid, int target_fd)
{
	char link[64], dest[64];
	int domain = 0, fd, ret = 1;
	socklen_t len = sizeof(domain);
	ssize_t n;

	snprintf(link, sizeof(link), "/proc/%d/fd/%d", tid, target_fd);
	n = readlink(link, dest, sizeof(dest) - 1);
	if (n < 0)
		return 0;
	dest[n] = '\0';
	if (strncmp(dest, "socket:", 7) != 0)
		return 0;
	/* no notification check here: wd_exec_inspect checks once after every /proc read */
	fd = wd_thread_getfd(-1, 0, tid, target_fd);
	if (fd < 0)
		return 1; /* cannot look closer: a socket on a shell's stdio is reported */
	if (getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &domain, &len) == 0)
		ret = domain == AF_INET || domain == AF_INET6;
	close(fd);
	return ret;
}

static void wd_check_stdio(pid_t tid, struct wd_exec_facts *f)
{
	for (int i = 0; i < f->image_count; i++) {
		if (wd_is_shell_or_interpreter(f->images[i].path)) {
			f->stdio_network_socket = wd_socket_is_network(tid, 0) == 1 ||
						  wd_socket_is_network(tid, 1) == 1;
			return;
		}
	}
}

int wd_exec_inspect(int notify_fd, const struct seccomp_notif *req, struct wd_exec_info *info)
{
	struct wd_exec_facts *f = &info->facts;
	pid_t tid = (pid_t)req->pid;
	char path[PATH_MAX], interp[PATH_MAX], mem[64];
	uint64_t path_addr, argv_addr;
	int dirfd = AT_FDCWD, at_flags = 0, ret, same_root;
	struct wd_mem m;
	ssize_t len;

	memset(f, 0, sizeof(*f));
	if (req->data.nr == __NR_execveat) {
		dirfd = (int)req->data.args[0];
		path_addr = req->data.args[1];
		argv_addr = req->data.args[2];
		at_flags = (int)req->data.args[4];
	} else {
		path_addr = req->data.args[0];
		argv_addr = req->data.args[1];
	}
	m.tid = tid;
	m.fd = -1;
	m.npre = 0;
	len = -EPERM;
	if (!wd_vm_readv_refused) {
		uint64_t heads[2] = {path_addr, argv_addr};
		wd_mem_prefetch(&m, heads, 2);
		len = wd_mem_read_string(&m, path_addr, path, sizeof(path));
	}
	if (len == -EPERM || len == -ENOSYS) {
		/* e.g. a container profile without process_vm_readv: /proc/TID/mem from now on */
		wd_vm_readv_refused = len == -ENOSYS || wd_vm_readv_refused;
		snprintf(mem, sizeof(mem), "/proc/%d/mem", tid);
		m.npre = 0;
		m.fd = openat(AT_FDCWD, mem, O_RDONLY | O_CLOEXEC);
		if (m.fd < 0)
			return -errno;
		/* the pid may have been reused between the notification and the open */
		ret = wd_notif_id_valid(notify_fd, req->id);
		if (ret < 0)
			goto out_mem;
		len = wd_mem_read_string(&m, path_addr, path, sizeof(path));
	}
	if (len < 0) {
		ret = len == -E2BIG ? -ENAMETOOLONG : (int)len;
		goto out_mem;
	}
	ret = wd_read_argv(&m, argv_addr, info);
	if (ret < 0)
		goto out_mem;
	ret = wd_notif_id_valid(notify_fd, req->id);
	if (ret < 0)
		goto out_mem;

	same_root = atomic_load(&wd_roots_differ) ? wd_same_root(tid) : 1;
	if (same_root < 0) {
		ret = same_root;
		goto out_mem;
	}
	for (;;) {
		ret = wd_resolve_image(tid, same_root, dirfd, path, at_flags,
				       &f->images[f->image_count], interp, sizeof(interp));
		if (ret < 0)
			goto out_mem;
		f->image_count++;
		if (interp[0] == '\0')
			break;
		if (f->image_count == WD_MAX_IMAGES) {
			ret = -ELOOP;
			goto out_mem;
		}
		/* the interpreter is opened by the kernel like an execve of its path */
		strcpy(path, interp);
		dirfd = AT_FDCWD;
		at_flags = 0;
	}
	f->setuid = f->images[0].setuid;
	wd_check_stdio(tid, f);
	/* everything read from /proc/TID must have belonged to the task that is still waiting */
	ret = wd_notif_id_valid(notify_fd, req->id);
out_mem:
	if (m.fd >= 0)
		close(m.fd);
	return ret;
}

int wd_exec_inspect_running(pid_t pid, struct wd_exec_info *info)
{
	struct wd_exec_facts *f = &info->facts;
	struct wd_exec_image *img = &f->images[0];
	char path[64];
	struct stat st;
	ssize_t n;
	int fd;

	memset(f, 0, sizeof(*f));
	snprintf(path, sizeof(path), "/proc/%d/exe", pid);
	n = readlink(path, img->path, sizeof(img->path) - 1);
	if (n < 0 || stat(path, &st) < 0)
		return -errno;
	img->path[n] = '\0';
	img->modified = wd_after_start(&st.st_ctim) || wd_after_start(&st.st_mtim);
	img->setuid = (st.st_mode & (S_ISUID | S_ISGID)) != 0;
	img->dev = st.st_dev;
	img->ino = st.st_ino;
	f->image_count = 1;
	snprintf(path, sizeof(path), "/proc/%d/cmdline", pid);
	fd = openat(AT_FDCWD, path, O_RDONLY | O_CLOEXEC);
	n = fd < 0 ? -1 : read(fd, info->arg_bytes, sizeof(info->arg_bytes) - 1);
	if (fd >= 0)
		close(fd);
	if (n < 0)
		n = 0;
	info->arg_bytes[n] = '\0';
	for (ssize_t i = 0; i < n && f->argc < WD_MAX_ARGS; i += (ssize_t)strlen(info->arg_bytes + i) + 1) {
		info->argv[f->argc++] = info->arg_bytes + i;
		f->mining_argument = f->mining_argument || wd_is_mining_argument(info->arg_bytes + i);
	}
	wd_build_command(info);
	wd_check_stdio(pid, f);
	return 0;
}

static void wd_lookup_user(pid_t tid, uid_t uid, char *out, size_t cap)
{
	char path[64], line[512];
	FILE *f;

	snprintf(out, cap, "%u", (unsigned)uid);
	snprintf(path, sizeof(path), "/proc/%d/root/etc/passwd", tid);
	f = fopen(path, "re");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char *name = line, *colon1 = strchr(line, ':'), *colon2;
		if (!colon1)
			continue;
		colon2 = strchr(colon1 + 1, ':');
		if (!colon2)
			continue;
		if ((uid_t)strtoul(colon2 + 1, NULL, 10) == uid && colon2[1] != ':') {
			size_t n = (size_t)(colon1 - name);
			if (n < cap) {
				memcpy(out, name, n);
				out[n] = '\0';
			}
			break;
		}
	}
	fclose(f);
}

void wd_process_describe(pid_t tid, struct wd_process_info *out)
{
	char path[64], line[256];
	FILE *f;
	ssize_t n;

	memset(out, 0, sizeof(*out));
	out->pid = tid;
	snprintf(path, sizeof(path), "/proc/%d/status", tid);
	f = fopen(path, "re");
	if (f) {
		while (fgets(line, sizeof(line), f)) {
			if (strncmp(line, "Tgid:", 5) == 0)
				out->pid = (pid_t)strtol(line + 5, NULL, 10);
			else if (strncmp(line, "PPid:", 5) == 0)
				out->ppid = (pid_t)strtol(line + 5, NULL, 10);
			else if (strncmp(line, "Uid:", 4) == 0)
				out->uid = (uid_t)strtoul(line + 4, NULL, 10);
		}
		fclose(f);
	}
	snprintf(path, sizeof(path), "/proc/%d/exe", out->ppid);
	n = out->ppid > 0 ? readlink(path, out->parent_path, sizeof(out->parent_path) - 1) : -1;
	out->parent_path[n > 0 ? n : 0] = '\0';
	wd_lookup_user(tid, out->uid, out->user, sizeof(out->user));
}
