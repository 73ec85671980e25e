/* pgdsn._libpq: libpq's own connection-string parser and version, for Python. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <libpq-fe.h>

static PyObject *parse(PyObject *self, PyObject *args) {
    const char *conninfo;
    if (!PyArg_ParseTuple(args, "s", &conninfo)) return NULL;
    char *err = NULL;
    PQconninfoOption *opts = PQconninfoParse(conninfo, &err);
    if (!opts) {
        PyErr_SetString(PyExc_ValueError, err ? err : "out of memory");
        if (err) PQfreemem(err);
        return NULL;
    }
    PyObject *out = PyDict_New();
    for (PQconninfoOption *o = opts; out && o->keyword; o++) {
        if (!o->val) continue;
        PyObject *v = PyUnicode_FromString(o->val);
        if (!v || PyDict_SetItemString(out, o->keyword, v) < 0) {
            Py_XDECREF(v);
            Py_CLEAR(out);
            break;
        }
        Py_DECREF(v);
    }
    PQconninfoFree(opts);
    return out;
}

static PyObject *version(PyObject *self, PyObject *noargs) {
    return PyLong_FromLong(PQlibVersion());
}

static PyMethodDef methods[] = {
    {"parse", parse, METH_VARARGS, "Parse a libpq connection string or URI into its set options."},
    {"version", version, METH_NOARGS, "libpq's version number (PQlibVersion)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_libpq", NULL, -1, methods};

PyMODINIT_FUNC PyInit__libpq(void) { return PyModule_Create(&module); }
