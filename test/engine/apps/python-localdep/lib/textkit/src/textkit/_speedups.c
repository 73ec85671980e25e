#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <ctype.h>

/* count_words(text) -> number of whitespace-separated words, counted in C. */
static PyObject *count_words(PyObject *self, PyObject *args) {
    const char *text;
    Py_ssize_t len, words = 0;
    int in_word = 0;
    (void)self;
    if (!PyArg_ParseTuple(args, "s#", &text, &len)) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < len; i++) {
        if (isspace((unsigned char)text[i])) {
            in_word = 0;
        } else if (!in_word) {
            in_word = 1;
            words++;
        }
    }
    return PyLong_FromSsize_t(words);
}

static PyMethodDef methods[] = {
    {"count_words", count_words, METH_VARARGS, "Count whitespace-separated words."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_speedups", NULL, -1, methods};

PyMODINIT_FUNC PyInit__speedups(void) { return PyModule_Create(&module); }
