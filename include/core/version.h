/* version — the program's version, printed by --version and stamped into every output. */
#ifndef ISO20K_VERSION_H
#define ISO20K_VERSION_H
#define ISO20K_VERSION "0.1.0"
#endif
