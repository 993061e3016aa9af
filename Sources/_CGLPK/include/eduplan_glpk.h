/* eduplan_glpk.h — the thin C layer between Swift and GLPK.
 *
 * GLPK reports invalid arguments and internal failures by calling its error
 * hook and then abort(). Swift cannot call setjmp, so every GLPK entry point
 * that eduplan uses goes through a guarded function here: the guard installs
 * an error hook that longjmps back, frees the (thread-local) GLPK environment
 * and returns EDUPLAN_GLPK_FAULT with GLPK's own message. Every problem object
 * created on that thread before the fault is gone afterwards; the environment
 * generation counter lets Swift know.
 *
 * GLPK's terminal output is captured per thread: the last few kilobytes are
 * kept (so a fault can quote GLPK's message) and forwarded to an optional
 * callback (the CLI's --verbose log); nothing reaches the terminal.
 */
#ifndef EDUPLAN_GLPK_H
#define EDUPLAN_GLPK_H

#include <glpk.h>
#include <stddef.h>

#define EDUPLAN_GLPK_OK 0
#define EDUPLAN_GLPK_FAULT (-1)

/* Output callback: receives GLPK's terminal text. */
typedef void (*eduplan_glpk_output_fn)(void *context, const char *text);

/* Forward GLPK output on this thread to fn (NULL: keep it silent). */
void eduplan_glpk_set_output(eduplan_glpk_output_fn fn, void *context);

/* The message of the last fault on this thread (GLPK's own words). */
const char *eduplan_glpk_last_fault(void);

/* Incremented on this thread each time a fault freed the environment. */
unsigned long eduplan_glpk_environment_generation(void);

/* A model in arrays, loaded with one call. Arrays of the matrix are 1-based
 * as GLPK wants (element 0 unused). `names` is NULL or a sequence of
 * NUL-terminated strings: the problem name, then one per row, then one per
 * column (an empty string leaves that name unset). */
typedef struct {
    int rows;
    int columns;
    int minimize;              /* 1: GLP_MIN, 0: GLP_MAX */
    double objective_constant;
    const double *objective;   /* columns entries, 0-based */
    const int *column_kind;    /* GLP_CV / GLP_IV / GLP_BV */
    const int *column_type;    /* GLP_FR / GLP_LO / GLP_UP / GLP_DB / GLP_FX */
    const double *column_lower;
    const double *column_upper;
    const int *row_type;
    const double *row_lower;
    const double *row_upper;
    int nonzeros;
    const int *ia;
    const int *ja;
    const double *ar;
    const char *names;
} eduplan_glpk_model;

/* Problem lifetime. create returns NULL on a fault. */
glp_prob *eduplan_glpk_create(void);
int eduplan_glpk_delete(glp_prob *P);
int eduplan_glpk_load(glp_prob *P, const eduplan_glpk_model *m);

/* Scaling and solving: *status receives GLPK's return code. */
int eduplan_glpk_scale(glp_prob *P, int flags);
int eduplan_glpk_simplex(glp_prob *P, const glp_smcp *parm, int *status);
int eduplan_glpk_interior(glp_prob *P, const glp_iptcp *parm, int *status);

/* Progress of branch and bound, as seen by the callback. */
typedef struct {
    int reason;            /* GLP_IBINGO (new incumbent), GLP_ISELECT, ... */
    int has_incumbent;
    double incumbent;      /* objective of the best integer solution */
    int has_bound;
    double bound;          /* best bound among active nodes */
    double gap;            /* relative gap, as glp_ios_mip_gap */
    int active_nodes;
} eduplan_glpk_mip_progress;

/* Returns nonzero to ask GLPK to stop. */
typedef int (*eduplan_glpk_mip_callback)(void *context, const eduplan_glpk_mip_progress *progress);

/* glp_intopt with an optional progress callback. `parm->cb_func` is replaced. `start` (NULL: none)
   is an integer feasible point, 1-based (start[1..n]), offered once to branch and bound as a
   heuristic solution (glp_ios_heur_sol, at the first GLP_IHEUR call): its first incumbent. */
int eduplan_glpk_intopt(glp_prob *P, glp_iocp *parm, eduplan_glpk_mip_callback callback,
                        void *context, const double *start, int *status);

/* Warm-start edits (1-based indices, validated by the caller). */
int eduplan_glpk_set_column_bounds(glp_prob *P, int j, int type, double lower, double upper);
int eduplan_glpk_set_row_bounds(glp_prob *P, int i, int type, double lower, double upper);
/// Replaces row i's coefficients with `count` entries (columns 1-based, distinct, values finite):
/// glp_set_mat_row under the guard; the basis is kept for the next warm solve.
int eduplan_glpk_set_row_entries(glp_prob *P, int i, int count, const int *columns, const double *values);
int eduplan_glpk_set_objective_coefficient(glp_prob *P, int j, double value);
int eduplan_glpk_set_column_kind(glp_prob *P, int j, int kind);

/* Basis factorisation exists (needed before ranging). */
int eduplan_glpk_factorize_if_needed(glp_prob *P, int *status);

/* Sensitivity: k is a row (1..m) or column (m+1..m+n) index as in GLPK. */
int eduplan_glpk_analyze_bound(glp_prob *P, int k, double *value1, int *var1,
                               double *value2, int *var2);
int eduplan_glpk_analyze_coef(glp_prob *P, int k, double *coef1, int *var1, double *value1,
                              double *coef2, int *var2, double *value2);

/* Files: format is EDUPLAN_GLPK_LP (CPLEX LP) or GLPK's GLP_MPS_FILE / GLP_MPS_DECK (free / fixed
 * MPS); *status is GLPK's return code (0 ok). */
#define EDUPLAN_GLPK_LP 0
int eduplan_glpk_write_file(glp_prob *P, int format, const char *path, int *status);
int eduplan_glpk_read_file(glp_prob *P, int format, const char *path, int *status);

/* Reading a whole problem back into arrays (after read_lp/read_mps).
 * Fills row-wise triplets; ia/ja/ar must hold glp_get_num_nz + 1 entries. */
int eduplan_glpk_get_matrix(glp_prob *P, int *ia, int *ja, double *ar, int *count);

/* Deliberately triggers a GLPK error (used by the tests of the guard). */
int eduplan_glpk_provoke_fault(void);

#endif
