/* revshell: the shape of a reverse shell — connects a TCP socket on loopback, puts it on stdin and
 * stdout, then execs the given command. Prints the errno name when the exec is refused. */
#include <arpa/inet.h>
#include <errno.h>
#include "errname.h"
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct sockaddr_in addr = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t len = sizeof(addr);
	int server, client, err;

	if (argc < 2)
		return 2;
	server = socket(AF_INET, SOCK_STREAM, 0);
	if (server < 0 || bind(server, (struct sockaddr *)&addr, sizeof(addr)) < 0 ||
	    listen(server, 1) < 0 || getsockname(server, (struct sockaddr *)&addr, &len) < 0)
		return 3;
	client = socket(AF_INET, SOCK_STREAM, 0);
	if (client < 0 || connect(client, (struct sockaddr *)&addr, sizeof(addr)) < 0)
		return 3;
	dup2(client, 0);
	dup2(client, 1);
	execv(argv[1], argv + 1);
	err = errno;
	dprintf(2, "execv: %s\n", errname(err));
	return err;
}
