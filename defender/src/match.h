/* match: process-entry globs (basename vs full path) and the known shell, interpreter and miner names. */
#ifndef WD_MATCH_H
#define WD_MATCH_H

#include <stdbool.h>

const char *wd_basename(const char *path);
/* An entry without '/' matches the basename, an entry with '/' the full path; '*' and '?' glob. */
bool wd_match_process(const char *entry, const char *path);
/* Shells and script interpreters: the programs a reverse shell is made of. */
bool wd_is_shell_or_interpreter(const char *path);
bool wd_is_crypto_miner_name(const char *path);
/* True when the built-in name lists hold only names and "prefix*" patterns (checked by tests). */
bool wd_known_names_are_simple(void);
/* Mining-pool URLs such as stratum+tcp://pool:3333 in an argument. */
bool wd_is_mining_argument(const char *arg);

#endif
