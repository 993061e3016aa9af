/* eduplan_glpk.c — guarded GLPK calls. See the header for why. */
#include "eduplan_glpk.h"

#include <setjmp.h>
#include <stdio.h>
#include <string.h>

/* Per-thread state: GLPK 5.0 keeps its environment in thread-local storage,
 * so the guard's state lives there too. */
static _Thread_local jmp_buf *current_jump = NULL;
static _Thread_local char output_tail[4096];
static _Thread_local size_t output_length = 0;
static _Thread_local char fault_message[4096];
static _Thread_local unsigned long generation = 0;
static _Thread_local eduplan_glpk_output_fn output_fn = NULL;
static _Thread_local void *output_context = NULL;

static int terminal_hook(void *info, const char *text) {
    (void)info;
    size_t n = strlen(text);
    if (n >= sizeof(output_tail)) {
        text += n - (sizeof(output_tail) - 1);
        n = sizeof(output_tail) - 1;
    }
    if (output_length + n >= sizeof(output_tail)) {
        /* Keep the most recent text: drop the oldest part. */
        size_t keep = sizeof(output_tail) - 1 - n;
        if (keep > output_length) keep = output_length;
        memmove(output_tail, output_tail + (output_length - keep), keep);
        output_length = keep;
    }
    memcpy(output_tail + output_length, text, n);
    output_length += n;
    output_tail[output_length] = '\0';
    if (output_fn != NULL) output_fn(output_context, text);
    return 1; /* nonzero: GLPK writes nothing to the terminal itself */
}

static void error_hook(void *info) {
    (void)info;
    if (current_jump != NULL) longjmp(*current_jump, 1);
    /* No guard active: GLPK will abort. Every entry point below is guarded. */
}

static void install_hooks(void) {
    glp_term_hook(terminal_hook, NULL);
    glp_error_hook(error_hook, NULL);
}

static void record_fault(void) {
    /* GLPK printed its message through the terminal hook just before the
     * error hook ran: keep the last lines of it. */
    const char *start = output_tail;
    size_t length = output_length;
    /* Quote at most the last 1000 characters, starting at a line boundary. */
    if (length > 1000) {
        start = output_tail + (length - 1000);
        const char *nl = strchr(start, '\n');
        if (nl != NULL) start = nl + 1;
    }
    snprintf(fault_message, sizeof(fault_message), "%s", start);
    output_length = 0;
    output_tail[0] = '\0';
    /* After a GLPK error the environment is unusable; GLPK's manual says to
     * free it. That frees every problem object of this thread. */
    current_jump = NULL;
    glp_free_env();
    generation += 1;
}

#define GUARD_BEGIN                                   \
    jmp_buf jump;                                     \
    jmp_buf *volatile saved_jump = current_jump;      \
    install_hooks();                                  \
    if (setjmp(jump) != 0) {                          \
        record_fault();                               \
        current_jump = saved_jump;                    \
        return EDUPLAN_GLPK_FAULT;                    \
    }                                                 \
    current_jump = &jump;

#define GUARD_END current_jump = saved_jump;

void eduplan_glpk_set_output(eduplan_glpk_output_fn fn, void *context) {
    output_fn = fn;
    output_context = context;
}

const char *eduplan_glpk_last_fault(void) { return fault_message; }

unsigned long eduplan_glpk_environment_generation(void) { return generation; }

static glp_prob *create_guarded(int *ok) {
    glp_prob *P = NULL;
    jmp_buf jump;
    jmp_buf *volatile saved_jump = current_jump;
    install_hooks();
    if (setjmp(jump) != 0) {
        record_fault();
        current_jump = saved_jump;
        *ok = 0;
        return NULL;
    }
    current_jump = &jump;
    P = glp_create_prob();
    current_jump = saved_jump;
    *ok = 1;
    return P;
}

glp_prob *eduplan_glpk_create(void) {
    int ok = 0;
    return create_guarded(&ok);
}

int eduplan_glpk_delete(glp_prob *P) {
    GUARD_BEGIN
    glp_delete_prob(P);
    GUARD_END
    return EDUPLAN_GLPK_OK;
}

int eduplan_glpk_load(glp_prob *P, const eduplan_glpk_model *m) {
    GUARD_BEGIN
    const char *name = m->names;
    if (name != NULL) {
        if (name[0] != '\0') glp_set_prob_name(P, name);
        name += strlen(name) + 1;
    }
    glp_set_obj_dir(P, m->minimize ? GLP_MIN : GLP_MAX);
    glp_set_obj_coef(P, 0, m->objective_constant);
    if (m->rows > 0) glp_add_rows(P, m->rows);
    if (m->columns > 0) glp_add_cols(P, m->columns);
    for (int i = 0; i < m->rows; i++) {
        glp_set_row_bnds(P, i + 1, m->row_type[i], m->row_lower[i], m->row_upper[i]);
        if (name != NULL) {
            if (name[0] != '\0') glp_set_row_name(P, i + 1, name);
            name += strlen(name) + 1;
        }
    }
    for (int j = 0; j < m->columns; j++) {
        /* Kind first: GLP_BV resets the bounds to [0, 1]. */
        glp_set_col_kind(P, j + 1, m->column_kind[j]);
        if (m->column_kind[j] != GLP_BV)
            glp_set_col_bnds(P, j + 1, m->column_type[j], m->column_lower[j], m->column_upper[j]);
        glp_set_obj_coef(P, j + 1, m->objective[j]);
        if (name != NULL) {
            if (name[0] != '\0') glp_set_col_name(P, j + 1, name);
            name += strlen(name) + 1;
        }
    }
    if (m->nonzeros > 0) glp_load_matrix(P, m->nonzeros, m->ia, m->ja, m->ar);
    GUARD_END
    return EDUPLAN_GLPK_OK;
}

int eduplan_glpk_scale(glp_prob *P, int flags) {
    GUARD_BEGIN
    glp_scale_prob(P, flags);
    GUARD_END
    return EDUPLAN_GLPK_OK;
}

int eduplan_glpk_simplex(glp_prob *P, const glp_smcp *parm, int *status) {
    GUARD_BEGIN
    *status = glp_simplex(P, parm);
    GUARD_END
    return EDUPLAN_GLPK_OK;
}

int eduplan_glpk_interior(glp_prob *P, const glp_iptcp *parm, int *status) {
    GUARD_BEGIN
    *status = glp_interior(P, parm);
    GUARD_END
    return EDUPLAN_GLPK_OK;
}

typedef struct {
    eduplan_glpk_mip_callback callback;
    void *context;
    const double *start;
    int start_offered;
} mip_callback_info;

static void mip_callback(glp_tree *T, void *info) {
    mip_callback_info *ci = (mip_callback_info *)info;
    int reason = glp_ios_reason(T);
    if (reason == GLP_IHEUR && ci->start != NULL && !ci->start_offered) {
        ci->start_offered = 1;
        glp_ios_heur_sol(T, ci->start);
        return;
    }
    if (reason != GLP_IBINGO && reason != GLP_ISELECT) return;
    if (ci->callback == NULL) return;
    eduplan_glpk_mip_progress progress;
    memset(&progress, 0, sizeof(progress));
    progress.reason = reason;
    glp_prob *P = glp_ios_get_prob(T);
    int status = glp_mip_status(P);
    if (status == GLP_FEAS || status == GLP_OPT) {
        progress.has_incumbent = 1;
        progress.incumbent = glp_mip_obj_val(P);
    }
    int best = glp_ios_best_node(T);
    if (best != 0) {
        progress.has_bound = 1;
        progress.bound = glp_ios_node_bound(T, best);
    }
    progress.gap = progress.has_incumbent ? glp_ios_mip_gap(T) : 1.0 / 0.0;
    int active = 0;
    glp_ios_tree_size(T, &active, NULL, NULL);
    progress.active_nodes = active;
    if (ci->callback(ci->context, &progress) != 0) glp_ios_terminate(T);
}

int eduplan_glpk_intopt(glp_prob *P, glp_iocp *parm, eduplan_glpk_mip_callback callback,
                        void *context, const double *start, int *status) {
    mip_callback_info info = {callback, context, start, 0};
    if (callback != NULL || start != NULL) {
        parm->cb_func = mip_callback;
        parm->cb_info = &info;
    } else {
        parm->cb_func = NULL;
        parm->cb_info = NULL;
    }
    GUARD_BEGIN
    *status = glp_intopt(P, parm);
    GUARD_END
    parm->cb_func = NULL;
    parm->cb_info = NULL;
    return EDUPLAN_GLPK_OK;
}

int eduplan_glpk_set_column_bounds(glp_prob *P, int j, int type, double lower, double upper) {
    GUARD_BEGIN
    glp_set_col_bnds(P, j, type, lower, upper);
    GUARD_END
    return EDUPLAN_GLPK_OK;
}

int eduplan_glpk_set_row_bounds(glp_prob *P, int i, int type, double lower, double upper) {
    GUARD_BEGIN
    glp_set_row_bnds(P, i, type, lower, upper);
    GUARD_END
    return EDUPLAN_GLPK_OK;
}

int eduplan_glpk_set_row_entries(glp_prob *P, int i, int count, const int *columns, const double *values) {
    GUARD_BEGIN
    /* glp_set_mat_row reads entries 1..count of its arrays. */
    glp_set_mat_row(P, i, count, columns - 1, values - 1);
    GUARD_END
    return EDUPLAN_GLPK_OK;
}

int eduplan_glpk_set_objective_coefficient(glp_prob *P, int j, double value) {
    GUARD_BEGIN
    glp_set_obj_coef(P, j, value);
    GUARD_END
    return EDUPLAN_GLPK_OK;
}

int eduplan_glpk_set_column_kind(glp_prob *P, int j, int kind) {
    GUARD_BEGIN
    glp_set_col_kind(P, j, kind);
    GUARD_END
    return EDUPLAN_GLPK_OK;
}

int eduplan_glpk_factorize_if_needed(glp_prob *P, int *status) {
    GUARD_BEGIN
    *status = glp_bf_exists(P) ? 0 : glp_factorize(P);
    GUARD_END
    return EDUPLAN_GLPK_OK;
}

int eduplan_glpk_analyze_bound(glp_prob *P, int k, double *value1, int *var1,
                               double *value2, int *var2) {
    GUARD_BEGIN
    glp_analyze_bound(P, k, value1, var1, value2, var2);
    GUARD_END
    return EDUPLAN_GLPK_OK;
}

int eduplan_glpk_analyze_coef(glp_prob *P, int k, double *coef1, int *var1, double *value1,
                              double *coef2, int *var2, double *value2) {
    GUARD_BEGIN
    glp_analyze_coef(P, k, coef1, var1, value1, coef2, var2, value2);
    GUARD_END
    return EDUPLAN_GLPK_OK;
}

int eduplan_glpk_write_file(glp_prob *P, int format, const char *path, int *status) {
    GUARD_BEGIN
    *status = format == EDUPLAN_GLPK_LP ? glp_write_lp(P, NULL, path) : glp_write_mps(P, format, NULL, path);
    GUARD_END
    return EDUPLAN_GLPK_OK;
}

int eduplan_glpk_read_file(glp_prob *P, int format, const char *path, int *status) {
    GUARD_BEGIN
    *status = format == EDUPLAN_GLPK_LP ? glp_read_lp(P, NULL, path) : glp_read_mps(P, format, NULL, path);
    GUARD_END
    return EDUPLAN_GLPK_OK;
}

int eduplan_glpk_get_matrix(glp_prob *P, int *ia, int *ja, double *ar, int *count) {
    GUARD_BEGIN
    int m = glp_get_num_rows(P);
    int k = 0;
    for (int i = 1; i <= m; i++) {
        int len = glp_get_mat_row(P, i, ja + k, ar + k);
        /* glp_get_mat_row writes at positions 1..len of the arrays passed. */
        for (int t = 1; t <= len; t++) ia[k + t] = i;
        k += len;
    }
    *count = k;
    GUARD_END
    return EDUPLAN_GLPK_OK;
}

int eduplan_glpk_provoke_fault(void) {
    GUARD_BEGIN
    glp_prob *P = glp_create_prob();
    /* Column 1 does not exist: GLPK reports an error and would abort. */
    glp_set_col_bnds(P, 1, GLP_LO, 0.0, 0.0);
    glp_delete_prob(P);
    GUARD_END
    return EDUPLAN_GLPK_OK;
}
