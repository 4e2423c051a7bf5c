/* json: a small strict JSON parser (tree) and a string writer for audits, heartbeats and rules. */
#include "json.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define WD_JSON_MAX_DEPTH 32

struct wd_json_parser {
	const char *p;
	const char *end;
	int depth;
};

static void wd_skip_ws(struct wd_json_parser *ps)
{
	while (ps->p < ps->end &&
	       (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r'))
		ps->p++;
}

static int wd_hex4(const char *p, unsigned *out)
{
	unsigned v = 0;

	for (int i = 0; i < 4; i++) {
		char c = p[i];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			return -EINVAL;
	}
	*out = v;
	return 0;
}

static void wd_put_utf8(struct wd_buf *b, unsigned cp)
{
	char u[4];
	size_t n;

	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xc0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		u[0] = (char)(0xf0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	wd_buf_add(b, u, n);
}

static int wd_parse_string(struct wd_json_parser *ps, char **out)
{
	struct wd_buf b = {0};
	unsigned cp, lo;

	ps->p++; /* opening quote */
	while (ps->p < ps->end && *ps->p != '"') {
		unsigned char c = (unsigned char)*ps->p;
		if (c < 0x20)
			goto fail;
		if (c != '\\') {
			wd_buf_add(&b, ps->p, 1);
			ps->p++;
			continue;
		}
		if (ps->end - ps->p < 2)
			goto fail;
		ps->p++;
		switch (*ps->p) {
		case '"': wd_buf_add(&b, "\"", 1); break;
		case '\\': wd_buf_add(&b, "\\", 1); break;
		case '/': wd_buf_add(&b, "/", 1); break;
		case 'b': wd_buf_add(&b, "\b", 1); break;
		case 'f': wd_buf_add(&b, "\f", 1); break;
		case 'n': wd_buf_add(&b, "\n", 1); break;
		case 'r': wd_buf_add(&b, "\r", 1); break;
		case 't': wd_buf_add(&b, "\t", 1); break;
		case 'u':
			if (ps->end - ps->p < 5 || wd_hex4(ps->p + 1, &cp) < 0)
				goto fail;
			ps->p += 4;
			if (cp >= 0xd800 && cp < 0xdc00) {
				if (ps->end - ps->p < 7 || ps->p[1] != '\\' || ps->p[2] != 'u' ||
				    wd_hex4(ps->p + 3, &lo) < 0 || lo < 0xdc00 || lo > 0xdfff)
					goto fail;
				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
				ps->p += 6;
			} else if (cp >= 0xdc00 && cp < 0xe000) {
				goto fail;
			}
			if (cp == 0)
				goto fail; /* an embedded NUL would truncate C strings */
			wd_put_utf8(&b, cp);
			break;
		default:
			goto fail;
		}
		ps->p++;
	}
	if (ps->p >= ps->end)
		goto fail;
	ps->p++;
	*out = wd_buf_steal(&b);
	return *out ? 0 : -ENOMEM;
fail:
	wd_buf_free(&b);
	return -EINVAL;
}

static int wd_parse_number(struct wd_json_parser *ps, double *out)
{
	const char *start = ps->p;
	char tmp[64];
	size_t len;
	char *endp;

	if (ps->p < ps->end && *ps->p == '-')
		ps->p++;
	if (ps->p >= ps->end || *ps->p < '0' || *ps->p > '9')
		return -EINVAL;
	while (ps->p < ps->end && ((*ps->p >= '0' && *ps->p <= '9') || *ps->p == '.' ||
				   *ps->p == 'e' || *ps->p == 'E' || *ps->p == '+' || *ps->p == '-'))
		ps->p++;
	len = (size_t)(ps->p - start);
	if (len >= sizeof(tmp))
		return -EINVAL;
	memcpy(tmp, start, len);
	tmp[len] = '\0';
	*out = strtod(tmp, &endp);
	return *endp == '\0' ? 0 : -EINVAL;
}

static int wd_parse_value(struct wd_json_parser *ps, struct wd_json **out);

static int wd_parse_container(struct wd_json_parser *ps, struct wd_json *node, char close)
{
	struct wd_json **tail = &node->child;
	struct wd_json *item;
	char *key = NULL;
	int ret;

	if (++ps->depth > WD_JSON_MAX_DEPTH)
		return -EINVAL;
	ps->p++;
	wd_skip_ws(ps);
	if (ps->p < ps->end && *ps->p == close) {
		ps->p++;
		ps->depth--;
		return 0;
	}
	for (;;) {
		wd_skip_ws(ps);
		if (close == '}') {
			if (ps->p >= ps->end || *ps->p != '"')
				return -EINVAL;
			ret = wd_parse_string(ps, &key);
			if (ret < 0)
				return ret;
			wd_skip_ws(ps);
			if (ps->p >= ps->end || *ps->p != ':') {
				free(key);
				return -EINVAL;
			}
			ps->p++;
		}
		ret = wd_parse_value(ps, &item);
		if (ret < 0) {
			free(key);
			return ret;
		}
		item->key = key;
		key = NULL;
		*tail = item;
		tail = &item->next;
		wd_skip_ws(ps);
		if (ps->p >= ps->end)
			return -EINVAL;
		if (*ps->p == ',') {
			ps->p++;
			continue;
		}
		if (*ps->p != close)
			return -EINVAL;
		ps->p++;
		ps->depth--;
		return 0;
	}
}

static int wd_match_word(struct wd_json_parser *ps, const char *word)
{
	size_t n = strlen(word);

	if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0)
		return -EINVAL;
	ps->p += n;
	return 0;
}

static int wd_parse_value(struct wd_json_parser *ps, struct wd_json **out)
{
	struct wd_json *node;
	int ret;

	wd_skip_ws(ps);
	if (ps->p >= ps->end)
		return -EINVAL;
	node = calloc(1, sizeof(*node));
	if (!node)
		return -ENOMEM;
	switch (*ps->p) {
	case '{':
		node->type = WD_JSON_OBJECT;
		ret = wd_parse_container(ps, node, '}');
		break;
	case '[':
		node->type = WD_JSON_ARRAY;
		ret = wd_parse_container(ps, node, ']');
		break;
	case '"':
		node->type = WD_JSON_STRING;
		ret = wd_parse_string(ps, &node->string);
		break;
	case 't':
		node->type = WD_JSON_BOOL;
		node->boolean = true;
		ret = wd_match_word(ps, "true");
		break;
	case 'f':
		node->type = WD_JSON_BOOL;
		ret = wd_match_word(ps, "false");
		break;
	case 'n':
		node->type = WD_JSON_NULL;
		ret = wd_match_word(ps, "null");
		break;
	default:
		node->type = WD_JSON_NUMBER;
		ret = wd_parse_number(ps, &node->number);
		break;
	}
	if (ret < 0) {
		wd_json_free(node);
		return ret;
	}
	*out = node;
	return 0;
}

int wd_json_parse(const char *text, size_t len, struct wd_json **out)
{
	struct wd_json_parser ps = {.p = text, .end = text + len};
	struct wd_json *root;
	int ret;

	ret = wd_parse_value(&ps, &root);
	if (ret < 0)
		return ret;
	wd_skip_ws(&ps);
	if (ps.p != ps.end) {
		wd_json_free(root);
		return -EINVAL;
	}
	*out = root;
	return 0;
}

void wd_json_free(struct wd_json *j)
{
	while (j) {
		struct wd_json *next = j->next;
		wd_json_free(j->child);
		free(j->key);
		free(j->string);
		free(j);
		j = next;
	}
}

const struct wd_json *wd_json_get(const struct wd_json *obj, const char *key)
{
	if (!obj || obj->type != WD_JSON_OBJECT)
		return NULL;
	for (const struct wd_json *c = obj->child; c; c = c->next)
		if (strcmp(c->key, key) == 0)
			return c;
	return NULL;
}

const char *wd_json_get_string(const struct wd_json *obj, const char *key, const char *fallback)
{
	const struct wd_json *v = wd_json_get(obj, key);

	return v && v->type == WD_JSON_STRING ? v->string : fallback;
}

double wd_json_get_number(const struct wd_json *obj, const char *key, double fallback)
{
	const struct wd_json *v = wd_json_get(obj, key);

	return v && v->type == WD_JSON_NUMBER ? v->number : fallback;
}

bool wd_json_get_bool(const struct wd_json *obj, const char *key, bool fallback)
{
	const struct wd_json *v = wd_json_get(obj, key);

	return v && v->type == WD_JSON_BOOL ? v->boolean : fallback;
}

/* Length of the valid UTF-8 sequence starting at p (a byte >= 0x80), or 0 when invalid. */
static size_t wd_utf8_valid_len(const unsigned char *p)
{
	size_t n;
	unsigned cp;

	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		n = 2;
		cp = p[0] & 0x1f;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		n = 3;
		cp = p[0] & 0x0f;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		n = 4;
		cp = p[0] & 0x07;
	} else {
		return 0;
	}
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3f);
	}
	if ((n == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (n == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return n;
}

size_t wd_json_value_end(const char *text, size_t len, size_t start)
{
	char stack[64]; /* the closing bracket each open one wants */
	size_t depth = 0;
	bool in_string = false;

	for (size_t i = start; i < len; i++) {
		char c = text[i];
		if (in_string) {
			if (c == '\\') {
				i++; /* the escaped character, a quote perhaps */
			} else if (c == '"') {
				in_string = false;
				if (depth == 0)
					return i + 1;
			}
		} else if (c == '"') {
			in_string = true;
		} else if (c == '{' || c == '[') {
			if (depth == sizeof(stack))
				return 0;
			stack[depth++] = c == '{' ? '}' : ']';
		} else if (c == '}' || c == ']') {
			if (depth == 0)
				return i > start ? i : 0; /* a scalar ends at its array's close */
			if (stack[--depth] != c)
				return 0;
			if (depth == 0)
				return i + 1;
		} else if (depth == 0 && (c == ',' || c == ' ' || c == '\n' || c == '\t' || c == '\r')) {
			return i > start ? i : 0;
		}
	}
	return 0;
}

void wd_json_add_string(struct wd_buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";

	if (!s) {
		wd_buf_puts(b, "null");
		return;
	}
	wd_buf_add(b, "\"", 1);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': wd_buf_add(b, "\\\"", 2); break;
		case '\\': wd_buf_add(b, "\\\\", 2); break;
		case '\n': wd_buf_add(b, "\\n", 2); break;
		case '\r': wd_buf_add(b, "\\r", 2); break;
		case '\t': wd_buf_add(b, "\\t", 2); break;
		default:
			if (*p < 0x20 || *p == 0x7f) {
				char esc[6] = {'\\', 'u', '0', '0', hex[*p >> 4], hex[*p & 15]};
				wd_buf_add(b, esc, 6);
			} else if (*p < 0x80) {
				wd_buf_add(b, p, 1);
			} else {
				size_t n = wd_utf8_valid_len(p);
				/* argv comes from the app: invalid UTF-8 must not make a batch unreadable */
				if (n == 0) {
					wd_buf_add(b, "\\ufffd", 6);
				} else {
					wd_buf_add(b, p, n);
					p += n - 1;
				}
			}
		}
	}
	wd_buf_add(b, "\"", 1);
}
