#ifndef CAPPLAN_CLIBEDIT_SHIM_H
#define CAPPLAN_CLIBEDIT_SHIM_H
// libedit (BSD editline), from Debian's libedit-dev. Never <readline/readline.h>: that is GNU
// readline (GPL). pkg-config's cflags point into the editline include folder.
#include <stdio.h>
#include <editline/readline.h>
#include <histedit.h>
#endif
