/* match: process-entry globs (basename vs full path) and the known shell, interpreter and miner names. */
#include "match.h"

#include <fnmatch.h>
#include <string.h>
#include <strings.h>

#include "util.h"

static const char *const wd_shell_names[] = {
	"sh",	  "bash",   "dash", "ash",   "zsh",	  "ksh",   "mksh",  "pdksh", "csh",
	"tcsh",	  "fish",   "yash", "busybox", "python*", "perl*", "ruby*", "php*",	 "node",
	"nodejs", "lua*",   "luajit", "tclsh*", "wish*",  "expect", "nc",    "ncat",	 "netcat",
	"nc.*",	  "socat",  "telnet", "awk",   "gawk",	  "mawk",  "nawk",  "pwsh",	 "rlwrap",
	"openssl", "java",  "jshell", "irb",   "R",	  "Rscript", "guile*", "ghci",
};

static const char *const wd_miner_names[] = {
	"xmrig*",   "xmr-stak*", "minerd",	"cpuminer*", "cgminer",	 "bfgminer", "ethminer",
	"t-rex",    "nbminer",	 "lolminer",	"phoenixminer", "ccminer*", "nanominer", "teamredminer",
	"gminer",   "miner",	 "srbminer*",	"xmr-*",     "kdevtmpfsi", "kinsing", "nheqminer",
	"ewbf*",    "claymore*", "excavator",	"wildrig*",  "xmrigdaemon", "xmrig-notls",
};

const char *wd_basename(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

bool wd_match_process(const char *entry, const char *path)
{
	if (strchr(entry, '/'))
		return fnmatch(entry, path, FNM_PATHNAME) == 0;
	return fnmatch(entry, wd_basename(path), 0) == 0;
}

/* The lists above hold names and "prefix*" patterns only (the unit tests check it): compared
 * directly, as fnmatch over ~70 patterns would cost microseconds on every exec. */
static bool wd_known_name(const char *pattern, const char *name)
{
	size_t len = strlen(pattern);

	if (len && pattern[len - 1] == '*')
		return strncmp(pattern, name, len - 1) == 0;
	return strcmp(pattern, name) == 0;
}

static bool wd_name_in(const char *path, const char *const *names, size_t count)
{
	const char *base = wd_basename(path);

	for (size_t i = 0; i < count; i++)
		if (wd_known_name(names[i], base))
			return true;
	return false;
}

bool wd_known_names_are_simple(void)
{
	const char *const *lists[] = {wd_shell_names, wd_miner_names};
	size_t counts[] = {WD_ARRAY_SIZE(wd_shell_names), WD_ARRAY_SIZE(wd_miner_names)};

	for (size_t l = 0; l < 2; l++)
		for (size_t i = 0; i < counts[l]; i++) {
			const char *star = strpbrk(lists[l][i], "*?[\\");
			if (star && (*star != '*' || star[1] != '\0'))
				return false;
		}
	return true;
}

bool wd_is_shell_or_interpreter(const char *path)
{
	return wd_name_in(path, wd_shell_names, WD_ARRAY_SIZE(wd_shell_names));
}

bool wd_is_crypto_miner_name(const char *path)
{
	return wd_name_in(path, wd_miner_names, WD_ARRAY_SIZE(wd_miner_names));
}

bool wd_is_mining_argument(const char *arg)
{
	static const char *const schemes[] = {"+tcp://", "+ssl://", "+tls://",
					      "2+tcp://", "1+tcp://", "://"};

	/* one scan for "stratum" (any case), then the scheme's rest: every argument of every exec
	 * passes through here */
	for (const char *p = arg; (p = strpbrk(p, "sS")) != NULL; p++) {
		if (strncasecmp(p, "stratum", 7) != 0)
			continue;
		for (size_t i = 0; i < WD_ARRAY_SIZE(schemes); i++)
			if (strncasecmp(p + 7, schemes[i], strlen(schemes[i])) == 0)
				return true;
	}
	return false;
}
