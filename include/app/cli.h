/*
 * cli — the command line of docs/configuration.md §1: parses it, calls the phases of a run
 * (app/run.h) in order and reports between them. The only module that prints diagnostics and
 * chooses the exit code.
 */
#ifndef ISO20K_CLI_H
#define ISO20K_CLI_H

/* Runs the program; returns the exit status (sysexits.h values). */
int cli_main(int argc, char **argv);

#endif
