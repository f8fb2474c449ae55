/*
 * cli — the command line of SPEC 2 and the pipeline it runs: read the config and every input,
 * compute the metrics for the period and its trend, build the report, render and write it.
 * The only module that prints diagnostics and chooses the exit code.
 */
#ifndef ISO20K_CLI_H
#define ISO20K_CLI_H

/* Runs the program; returns the exit status (sysexits.h values). */
int cli_main(int argc, char **argv);

#endif
