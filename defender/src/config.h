/* config: the run options from flags, WARD_* variables and the key=value config file
 * (precedence flag > environment > file). */
#ifndef WD_CONFIG_H
#define WD_CONFIG_H

#include <stdbool.h>

#define WD_DEFAULT_CONFIG "/etc/ward/defender.conf"
#define WD_DEFAULT_DATA_FOLDER "/var/lib/ward"
#define WD_DEFAULT_HEARTBEAT 30
#define WD_DEFAULT_SPOOL_MAX (64ull << 20)

struct wd_options {
	char *app_id;
	char *console;
	char *token; /* the install token itself; never printed */
	char *token_file;
	char *data_folder;
	char *config_file;
	char *ca_file; /* PEM certificates trusted for an https console, besides the system bundle */
	int heartbeat_interval;
	unsigned long long spool_max_bytes;
	bool fail_open;
	bool require_rule; /* start the app only once a rule is known (kept or from the console) */
	char **command;
};

/* Parses `run` arguments (argv[0] is "run"). Prints a one-line error and returns -EINVAL on bad
 * input. Removes WARD_TOKEN from the environment so the app never inherits it. */
int wd_options_load(int argc, char **argv, struct wd_options *out);

#endif
