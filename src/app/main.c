/*
 * main — hands the command line to cli_main.
 */
#include "app/cli.h"

int main(int argc, char **argv) { return cli_main(argc, argv); }
