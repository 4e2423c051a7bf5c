/* connect-once: connects to 127.0.0.1:$WD_RACE_PORT, sends one byte and exits at once — a program
 * that does its harm within a millisecond, the race test's denied side. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void)
{
	const char *port = getenv("WD_RACE_PORT");
	struct sockaddr_in to = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	int s = socket(AF_INET, SOCK_STREAM, 0);

	if (!port || s < 0)
		return 2;
	to.sin_port = htons((unsigned short)atoi(port));
	if (connect(s, (struct sockaddr *)&to, sizeof(to)) < 0 || write(s, "x", 1) != 1)
		return 1;
	return 0;
}
