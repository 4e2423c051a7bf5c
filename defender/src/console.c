/* console: authenticated calls to the Ward console — install token exchanged for a short-lived JWT,
 * refreshed before expiry and after any 401. Shared by the resolve and uplink threads. */
#include "console.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "util.h"

#define WD_TOKEN_LIFETIME_MS 45000

int wd_console_init(struct wd_console *c, const char *url, const char *install_token,
		    const char *app_id)
{
	int ret;

	memset(c, 0, sizeof(*c));
	ret = wd_url_parse(url, &c->url);
	if (ret < 0)
		return ret;
	c->install_token = strdup(install_token ? install_token : "");
	c->app_id = strdup(app_id);
	if (!c->install_token || !c->app_id)
		return -ENOMEM;
	pthread_mutex_init(&c->lock, NULL);
	return 0;
}

/* Called with the lock held. Never logs the install token or the JWT. */
static int wd_console_exchange(struct wd_console *c, int timeout_ms)
{
	struct wd_http_response resp = {0};
	struct wd_http_request req = {.method = "POST", .path = "/api/v1/auth/token",
				      .timeout_ms = timeout_ms};
	struct wd_json *reply = NULL;
	struct wd_buf body = {0};
	const char *token, *expires;
	int64_t lifetime = WD_TOKEN_LIFETIME_MS, expires_ms;
	int ret;

	wd_buf_puts(&body, "{\"installToken\":");
	wd_json_add_string(&body, c->install_token);
	wd_buf_puts(&body, "}");
	if (body.oom) {
		ret = -ENOMEM;
		goto out;
	}
	req.body = body.data;
	req.body_len = body.len;
	ret = wd_http_do(&c->url, &req, &resp);
	if (ret < 0)
		goto out;
	if (resp.status != 200) {
		wd_log("console refused the install token (HTTP %d)", resp.status);
		ret = resp.status == 401 || resp.status == 403 ? -EACCES : -EPROTO;
		goto out;
	}
	ret = wd_json_parse(resp.body.data, resp.body.len, &reply);
	if (ret < 0)
		goto out;
	token = wd_json_get_string(reply, "token", NULL);
	if (!token || !*token) {
		ret = -EPROTO;
		goto out;
	}
	expires = wd_json_get_string(reply, "expiresAt", NULL);
	if (expires && wd_parse_time_ms(expires, &expires_ms) == 0)
		lifetime = expires_ms - wd_now_ms();
	else if (wd_json_get(reply, "expiresAt") &&
		 wd_json_get(reply, "expiresAt")->type == WD_JSON_NUMBER)
		lifetime = (int64_t)wd_json_get_number(reply, "expiresAt", 0) * 1000 - wd_now_ms();
	if (lifetime > WD_TOKEN_LIFETIME_MS * 100 || lifetime < 3000)
		lifetime = WD_TOKEN_LIFETIME_MS; /* a skewed clock must not stop refreshing */
	free(c->jwt);
	c->jwt = strdup(token);
	if (!c->jwt) {
		ret = -ENOMEM;
		goto out;
	}
	/* refresh with a third of the lifetime left: never present an expired token */
	c->refresh_at_ms = wd_monotonic_ms() + lifetime * 2 / 3;
out:
	wd_json_free(reply);
	wd_http_response_free(&resp);
	wd_buf_free(&body);
	return ret;
}

static int wd_console_bearer(struct wd_console *c, int timeout_ms, char **out)
{
	int ret = 0;

	pthread_mutex_lock(&c->lock);
	if (!c->jwt || wd_monotonic_ms() >= c->refresh_at_ms)
		ret = wd_console_exchange(c, timeout_ms < 10000 ? timeout_ms : 10000);
	*out = ret == 0 ? strdup(c->jwt) : NULL;
	if (ret == 0 && !*out)
		ret = -ENOMEM;
	pthread_mutex_unlock(&c->lock);
	return ret;
}

static void wd_console_forget(struct wd_console *c, const char *jwt)
{
	pthread_mutex_lock(&c->lock);
	if (c->jwt && strcmp(c->jwt, jwt) == 0) {
		free(c->jwt);
		c->jwt = NULL;
	}
	pthread_mutex_unlock(&c->lock);
}

int wd_console_call(struct wd_console *c, const char *method, const char *path, const char *headers,
		    const char *body, size_t body_len, int timeout_ms, struct wd_http_response *resp)
{
	struct wd_http_request req = {.method = method, .path = path, .body = body,
				      .body_len = body_len, .timeout_ms = timeout_ms};
	struct wd_buf h = {0};
	char *jwt = NULL;
	int ret = 0;

	for (int attempt = 0; attempt < 2; attempt++) {
		ret = wd_console_bearer(c, timeout_ms, &jwt);
		if (ret < 0)
			break;
		wd_buf_reset(&h);
		wd_buf_printf(&h, "Authorization: Bearer %s\r\n%s", jwt, headers ? headers : "");
		if (h.oom) {
			ret = -ENOMEM;
			break;
		}
		req.headers = h.data;
		ret = wd_http_do(&c->url, &req, resp);
		if (ret < 0 || resp->status != 401)
			break;
		wd_console_forget(c, jwt); /* revoked or expired early: exchange again, once */
		free(jwt);
		jwt = NULL;
	}
	free(jwt);
	wd_buf_free(&h);
	return ret;
}
