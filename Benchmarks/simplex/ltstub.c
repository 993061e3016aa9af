/* Stubs for libltdl, which static GLPK names (for plugins) and lpbench never calls. */
void *lt_dlopen(const char *f){(void)f;return 0;} int lt_dlclose(void*h){(void)h;return 0;} void *lt_dlsym(void*h,const char*s){(void)h;(void)s;return 0;}
int lt_dlinit(void){return 0;} int lt_dlexit(void){return 0;} const char *lt_dlerror(void){return "none";}
