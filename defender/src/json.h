/* json: a small strict JSON parser (tree) and a string writer for audits, heartbeats and rules. */
#ifndef WD_JSON_H
#define WD_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

enum wd_json_type {
	WD_JSON_NULL,
	WD_JSON_BOOL,
	WD_JSON_NUMBER,
	WD_JSON_STRING,
	WD_JSON_ARRAY,
	WD_JSON_OBJECT,
};

struct wd_json {
	enum wd_json_type type;
	char *key; /* member name when inside an object */
	char *string;
	double number;
	bool boolean;
	struct wd_json *child;
	struct wd_json *next;
};

int wd_json_parse(const char *text, size_t len, struct wd_json **out);
void wd_json_free(struct wd_json *j);
const struct wd_json *wd_json_get(const struct wd_json *obj, const char *key);
/* Typed member lookups: return `fallback` when the member is absent or of another type. */
const char *wd_json_get_string(const struct wd_json *obj, const char *key, const char *fallback);
double wd_json_get_number(const struct wd_json *obj, const char *key, double fallback);
bool wd_json_get_bool(const struct wd_json *obj, const char *key, bool fallback);

/* Where the JSON value that starts at text[start] ends (one past its last character), found by
 * brackets and strings only: for splitting an array the defender wrote itself. 0 when the value
 * is unterminated or its brackets do not match. */
size_t wd_json_value_end(const char *text, size_t len, size_t start);

/* Appends `s` as a quoted JSON string (NULL becomes null). */
void wd_json_add_string(struct wd_buf *b, const char *s);

#endif
