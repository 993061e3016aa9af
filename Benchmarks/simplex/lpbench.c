/* lpbench: solves a CPLEX LP file's LP relaxation (eduplan export --lp) with glp_simplex under the
 * given options and prints one line: return code, status, iterations, objective, wall and CPU
 * seconds of scaling + simplex (reading the file excluded). Session 9's measurements of GLPK's
 * simplex options (Benchmarks/RESULTS.md, "GLPK's simplex options on the big LPs"). Unlike
 * glpsol it reaches glp_smcp's excl/shift/aorn and glp_bfcp's nfs_max.
 * Build: cc -O2 -o lpbench lpbench.c -lglpk
 *   (for symbols in perf/callgrind: cc -O2 -g -o lpbench-s lpbench.c ltstub.c \
 *    /usr/lib/x86_64-linux-gnu/libglpk.a -lgmp -lz -lamd -lcolamd -lm -ldl)
 * usage: lpbench FILE [primal|dual|dualp] [std|pse] [har|flip|stdrt] [nt|at] [excl0] [shift0]
 *        [luf|btf] [ft|bg|gr] [nfs=N] [scale|noscale|scale=FLAGS] [presol] [tm=S] [bib|adv|stdb] [v] [lim=N]
 */
#include <glpk.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>
static double cpu(void) { struct rusage r; getrusage(RUSAGE_SELF, &r); return r.ru_utime.tv_sec + r.ru_utime.tv_usec / 1e6 + r.ru_stime.tv_sec + r.ru_stime.tv_usec / 1e6; }

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }

int main(int argc, char **argv) {
    glp_smcp s; glp_init_smcp(&s); s.msg_lev = GLP_MSG_OFF;
    glp_bfcp b; int luf = GLP_BF_LUF, upd = GLP_BF_FT, nfs = 0, scale = GLP_SF_AUTO, basis = 1, verbose = 0;
    glp_prob *P = glp_create_prob();
    glp_term_out(GLP_OFF);
    if (glp_read_lp(P, NULL, argv[1]) != 0) { fprintf(stderr, "read failed\n"); return 2; }
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "primal")) s.meth = GLP_PRIMAL;
        else if (!strcmp(a, "dual")) s.meth = GLP_DUAL;
        else if (!strcmp(a, "dualp")) s.meth = GLP_DUALP;
        else if (!strcmp(a, "std")) s.pricing = GLP_PT_STD;
        else if (!strcmp(a, "pse")) s.pricing = GLP_PT_PSE;
        else if (!strcmp(a, "har")) s.r_test = GLP_RT_HAR;
        else if (!strcmp(a, "flip")) s.r_test = GLP_RT_FLIP;
        else if (!strcmp(a, "stdrt")) s.r_test = GLP_RT_STD;
        else if (!strcmp(a, "nt")) s.aorn = GLP_USE_NT;
        else if (!strcmp(a, "at")) s.aorn = GLP_USE_AT;
        else if (!strcmp(a, "excl0")) s.excl = GLP_OFF;
        else if (!strcmp(a, "shift0")) s.shift = GLP_OFF;
        else if (!strcmp(a, "luf")) luf = GLP_BF_LUF;
        else if (!strcmp(a, "btf")) luf = GLP_BF_BTF;
        else if (!strcmp(a, "ft")) upd = GLP_BF_FT;
        else if (!strcmp(a, "bg")) upd = GLP_BF_BG;
        else if (!strcmp(a, "gr")) upd = GLP_BF_GR;
        else if (!strncmp(a, "nfs=", 4)) nfs = atoi(a + 4);
        else if (!strcmp(a, "noscale")) scale = 0;
        else if (!strncmp(a, "scale=", 6)) scale = atoi(a + 6);
        else if (!strcmp(a, "presol")) s.presolve = GLP_ON;
        else if (!strncmp(a, "tm=", 3)) s.tm_lim = atoi(a + 3) * 1000;
        else if (!strncmp(a, "lim=", 4)) s.it_lim = atoi(a + 4);
        else if (!strcmp(a, "bib")) basis = 2;
        else if (!strcmp(a, "adv")) basis = 1;
        else if (!strcmp(a, "stdb")) basis = 0;
        else if (!strcmp(a, "v")) verbose = 1;
        else { fprintf(stderr, "unknown option %s\n", a); return 2; }
    }
    if (verbose) { glp_term_out(GLP_ON); s.msg_lev = GLP_MSG_ON; }
    if (luf == GLP_BF_BTF && upd == GLP_BF_FT) upd = GLP_BF_BG;
    glp_get_bfcp(P, &b);
    b.type = luf | upd;
    if (nfs > 0) { b.nfs_max = nfs; if (upd != GLP_BF_FT) b.nrs_max = nfs; }
    glp_set_bfcp(P, &b);
    double t0 = now(), c0 = cpu();
    if (scale) glp_scale_prob(P, scale);
    if (!s.presolve) { if (basis == 1) glp_adv_basis(P, 0); else if (basis == 2) glp_cpx_basis(P); else glp_std_basis(P); }
    int it0 = glp_get_it_cnt(P);
    int rc = glp_simplex(P, &s);
    double t1 = now(), c1 = cpu();
    printf("rc=%d status=%d iterations=%d obj=%.12g seconds=%.2f cpu=%.2f rows=%d cols=%d nz=%d\n", rc, glp_get_status(P),
           glp_get_it_cnt(P) - it0, glp_get_obj_val(P), t1 - t0, c1 - c0, glp_get_num_rows(P), glp_get_num_cols(P), glp_get_num_nz(P));
    return 0;
}
