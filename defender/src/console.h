/* console: authenticated calls to the Ward console — install token exchanged for a short-lived JWT,
 * refreshed before expiry and after any 401. Shared by the resolve and uplink threads. */
#ifndef WD_CONSOLE_H
#define WD_CONSOLE_H

#include <pthread.h>
#include <stdint.h>

#include "http.h"

struct wd_console {
	struct wd_url url;
	char *install_token;
	char *app_id;
	pthread_mutex_t lock;
	char *jwt;
	int64_t refresh_at_ms; /* monotonic */
};

int wd_console_init(struct wd_console *c, const char *url, const char *install_token,
		    const char *app_id);
/* One authorized request; `headers` are extra lines ending in \r\n (may be NULL). */
int wd_console_call(struct wd_console *c, const char *method, const char *path, const char *headers,
		    const char *body, size_t body_len, int timeout_ms, struct wd_http_response *resp);

#endif
