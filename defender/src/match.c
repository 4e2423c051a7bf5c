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

static bool wd_name_in(const char *path, const char *const *names, size_t count)
{
	const char *base = wd_basename(path);

	for (size_t i = 0; i < count; i++)
		if (fnmatch(names[i], base, 0) == 0)
			return true;
	return false;
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
	static const char *const schemes[] = {"stratum+tcp://", "stratum+ssl://", "stratum+tls://",
					      "stratum2+tcp://", "stratum1+tcp://", "stratum://"};

	for (size_t i = 0; i < WD_ARRAY_SIZE(schemes); i++)
		if (strcasestr(arg, schemes[i]))
			return true;
	return false;
}
