/* nop: the smallest static program, exec'd by the spawn benchmark. */
int main(void)
{
	return 0;
}
