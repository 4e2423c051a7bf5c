/* errname: errno names for test output (musl has no strerrorname_np). */
#include <errno.h>

static inline const char *errname(int e)
{
	switch (e) {
	case EPERM: return "EPERM";
	case ENOENT: return "ENOENT";
	case EACCES: return "EACCES";
	case ENOSYS: return "ENOSYS";
	case ELOOP: return "ELOOP";
	case EFAULT: return "EFAULT";
	case ENOEXEC: return "ENOEXEC";
	case EBADF: return "EBADF";
	case EINVAL: return "EINVAL";
	default: return "EOTHER";
	}
}
