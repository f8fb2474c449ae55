/*
 * main — hands the command line to cli_main.
 */
#include <malloc.h>

#include "app/cli.h"

int main(int argc, char **argv)
{
#ifdef M_MMAP_THRESHOLD
    /* Blocks of a megabyte and more (the ticket array, the id index, the selections) are
     * mapped on their own, so that growing them moves pages instead of copying and faulting
     * them in again: glibc's default threshold rises after the first such block is freed, and
     * then a growing array is copied at every doubling. */
    mallopt(M_MMAP_THRESHOLD, 1 << 20);
#endif
    return cli_main(argc, argv);
}
