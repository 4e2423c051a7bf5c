/* config: the run options from flags, WARD_* variables and the key=value config file
 * (precedence flag > environment > file). */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

static int wd_set(char **slot, const char *value)
{
	if (*slot || !value)
		return 0; /* a source with higher precedence already set it */
	*slot = strdup(value);
	return *slot ? 0 : -ENOMEM;
}

static int wd_parse_interval(const char *text, int *out)
{
	char *end;
	long v = strtol(text, &end, 10);

	if (end == text || *end || v < 1 || v > 3600)
		return -EINVAL;
	*out = (int)v;
	return 0;
}

static int wd_parse_size(const char *text, unsigned long long *out)
{
	char *end;
	unsigned long long v = strtoull(text, &end, 10);

	if (end == text || *end || v < 4096 || v > (64ull << 30))
		return -EINVAL;
	*out = v;
	return 0;
}

static char *wd_trim(char *s)
{
	char *end;

	while (*s == ' ' || *s == '\t')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' || end[-1] == '\r'))
		*--end = '\0';
	return s;
}

static int wd_load_file(const char *path, bool required, struct wd_options *o)
{
	char line[4096];
	int lineno = 0, ret = 0;
	FILE *f;

	f = fopen(path, "re");
	if (!f) {
		if (!required && errno == ENOENT)
			return 0;
		wd_log("cannot read config %s: %s", path, strerror(errno));
		return -EINVAL;
	}
	while (ret == 0 && fgets(line, sizeof(line), f)) {
		char *key, *value, *eq;
		lineno++;
		key = wd_trim(line);
		if (*key == '\0' || *key == '#')
			continue;
		eq = strchr(key, '=');
		if (!eq) {
			wd_log("%s:%d: expected key=value", path, lineno);
			ret = -EINVAL;
			break;
		}
		*eq = '\0';
		key = wd_trim(key);
		value = wd_trim(eq + 1);
		if (strcmp(key, "app-id") == 0)
			ret = wd_set(&o->app_id, value);
		else if (strcmp(key, "console") == 0)
			ret = wd_set(&o->console, value);
		else if (strcmp(key, "token-file") == 0)
			ret = wd_set(&o->token_file, value);
		else if (strcmp(key, "data-folder") == 0)
			ret = wd_set(&o->data_folder, value);
		else if (strcmp(key, "ca-file") == 0)
			ret = wd_set(&o->ca_file, value);
		else if (strcmp(key, "heartbeat-interval") == 0) {
			if (o->heartbeat_interval == 0 &&
			    wd_parse_interval(value, &o->heartbeat_interval) < 0) {
				wd_log("%s:%d: heartbeat-interval must be 1..3600 seconds", path,
				       lineno);
				ret = -EINVAL;
			}
		} else if (strcmp(key, "spool-max-bytes") == 0) {
			if (o->spool_max_bytes == 0 && wd_parse_size(value, &o->spool_max_bytes) < 0) {
				wd_log("%s:%d: spool-max-bytes must be 4096..68719476736", path, lineno);
				ret = -EINVAL;
			}
		} else if (strcmp(key, "fail-open") == 0) {
			o->fail_open = o->fail_open || strcmp(value, "true") == 0;
		} else if (strcmp(key, "require-rule") == 0) {
			o->require_rule = o->require_rule || strcmp(value, "true") == 0;
		} else {
			wd_log("%s:%d: unknown key %s", path, lineno, key);
			ret = -EINVAL;
		}
	}
	fclose(f);
	return ret;
}

static int wd_read_token_file(const char *path, char **out)
{
	struct wd_buf b = {0};
	int ret;

	ret = wd_read_file(path, &b, 4096);
	if (ret < 0) {
		wd_log("cannot read the token file %s: %s", path, strerror(-ret));
		wd_buf_free(&b);
		return -EINVAL;
	}
	*out = strdup(wd_trim(b.data));
	wd_buf_free(&b);
	return *out ? 0 : -ENOMEM;
}

static const char *wd_flag_value(int argc, char **argv, int *i, const char *name)
{
	size_t n = strlen(name);

	if (strncmp(argv[*i], name, n) != 0)
		return NULL;
	if (argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (argv[*i][n] != '\0')
		return NULL;
	if (*i + 1 >= argc) {
		wd_log("%s needs a value", name);
		return "";
	}
	return argv[++*i];
}

/* The console's rule for app ids: letters and digits, then also . _ : - (at most 128). */
static bool wd_valid_app_id(const char *id)
{
	size_t n = strlen(id);

	if (n == 0 || n > 128 || !isalnum((unsigned char)id[0]))
		return false;
	for (size_t i = 1; i < n; i++)
		if (!isalnum((unsigned char)id[i]) && !strchr("._:-", id[i]))
			return false;
	return true;
}

int wd_options_load(int argc, char **argv, struct wd_options *o)
{
	const char *v;
	int i, ret = 0;

	memset(o, 0, sizeof(*o));
	for (i = 1; i < argc && ret == 0; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		if (strcmp(argv[i], "--fail-open") == 0)
			o->fail_open = true;
		else if (strcmp(argv[i], "--require-rule") == 0)
			o->require_rule = true;
		else if ((v = wd_flag_value(argc, argv, &i, "--app-id")))
			ret = *v ? wd_set(&o->app_id, v) : -EINVAL;
		else if ((v = wd_flag_value(argc, argv, &i, "--console")))
			ret = *v ? wd_set(&o->console, v) : -EINVAL;
		else if ((v = wd_flag_value(argc, argv, &i, "--token-file")))
			ret = *v ? wd_set(&o->token_file, v) : -EINVAL;
		else if ((v = wd_flag_value(argc, argv, &i, "--data-folder")))
			ret = *v ? wd_set(&o->data_folder, v) : -EINVAL;
		else if ((v = wd_flag_value(argc, argv, &i, "--ca-file")))
			ret = *v ? wd_set(&o->ca_file, v) : -EINVAL;
		else if ((v = wd_flag_value(argc, argv, &i, "--config")))
			ret = *v ? wd_set(&o->config_file, v) : -EINVAL;
		else if ((v = wd_flag_value(argc, argv, &i, "--heartbeat-interval"))) {
			if (wd_parse_interval(v, &o->heartbeat_interval) < 0) {
				wd_log("--heartbeat-interval must be 1..3600 seconds");
				ret = -EINVAL;
			}
		} else if ((v = wd_flag_value(argc, argv, &i, "--spool-max-bytes"))) {
			if (wd_parse_size(v, &o->spool_max_bytes) < 0) {
				wd_log("--spool-max-bytes must be 4096..68719476736");
				ret = -EINVAL;
			}
		} else if (argv[i][0] == '-') {
			wd_log("unknown option %s", argv[i]);
			ret = -EINVAL;
		} else {
			break; /* the command starts without a -- separator */
		}
	}
	if (ret < 0)
		return -EINVAL;
	if (i >= argc) {
		wd_log("no command to run: ward-defender run [options] -- CMD ARGS");
		return -EINVAL;
	}
	o->command = argv + i;

	/* the environment comes second; the token must not leak into the app */
	if (!o->token && getenv("WARD_TOKEN") && !o->token_file)
		ret = wd_set(&o->token, getenv("WARD_TOKEN"));
	unsetenv("WARD_TOKEN");
	if (ret == 0)
		ret = wd_set(&o->app_id, getenv("WARD_APP_ID"));
	if (ret == 0)
		ret = wd_set(&o->console, getenv("WARD_CONSOLE"));
	if (ret == 0 && !o->token)
		ret = wd_set(&o->token_file, getenv("WARD_TOKEN_FILE"));
	if (ret == 0)
		ret = wd_set(&o->data_folder, getenv("WARD_DATA_FOLDER"));
	if (ret == 0)
		ret = wd_set(&o->ca_file, getenv("WARD_CA_FILE"));
	if (ret < 0)
		return ret;

	if (o->config_file)
		ret = wd_load_file(o->config_file, true, o);
	else
		ret = wd_load_file(WD_DEFAULT_CONFIG, false, o);
	if (ret < 0)
		return ret;

	if (!o->token && o->token_file) {
		ret = wd_read_token_file(o->token_file, &o->token);
		if (ret < 0)
			return ret;
	}
	if (ret == 0 && !o->data_folder)
		ret = wd_set(&o->data_folder, WD_DEFAULT_DATA_FOLDER);
	if (o->spool_max_bytes == 0)
		o->spool_max_bytes = WD_DEFAULT_SPOOL_MAX;
	if (o->heartbeat_interval == 0)
		o->heartbeat_interval = WD_DEFAULT_HEARTBEAT;
	if (o->app_id && !wd_valid_app_id(o->app_id)) {
		wd_log("app id %s is invalid: letters and digits, then . _ : - (at most 128)", o->app_id);
		return -EINVAL;
	}
	if (o->console && (!o->app_id || !*o->app_id)) {
		wd_log("--console needs an app id (--app-id or WARD_APP_ID)");
		return -EINVAL;
	}
	if (o->console && (!o->token || !*o->token)) {
		wd_log("--console needs an install token (WARD_TOKEN, --token-file or WARD_TOKEN_FILE)");
		return -EINVAL;
	}
	return ret;
}
