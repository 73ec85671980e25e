/* rollup: loads a small stock ledger into an in-memory SQLite database and prints a report made
 * with SQL (grouping, window functions, a recursive CTE). Links the system's libsqlite3. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

static const char *SETUP =
    "CREATE TABLE moves(day INTEGER, item TEXT, qty INTEGER);"
    "INSERT INTO moves VALUES"
    " (1,'bolt',500),(1,'nut',800),(2,'bolt',-120),(2,'washer',1000),(3,'nut',-300),"
    " (3,'bolt',-80),(4,'washer',-250),(5,'bolt',200),(5,'nut',-150),(6,'washer',-400);";

static int print_row(void *header_done, int n, char **values, char **names) {
    int *done = header_done;
    if (!*done) {
        for (int i = 0; i < n; i++) printf("%-10s", names[i]);
        printf("\n");
        *done = 1;
    }
    for (int i = 0; i < n; i++) printf("%-10s", values[i] ? values[i] : "NULL");
    printf("\n");
    return 0;
}

static int query(sqlite3 *db, const char *title, const char *sql) {
    char *err = NULL;
    int header = 0;
    printf("-- %s\n", title);
    if (sqlite3_exec(db, sql, print_row, &header, &err) != SQLITE_OK) {
        fprintf(stderr, "rollup: %s\n", err);
        sqlite3_free(err);
        return 1;
    }
    return 0;
}

int main(void) {
    sqlite3 *db;
    if (sqlite3_open(":memory:", &db) != SQLITE_OK) {
        fprintf(stderr, "rollup: cannot open a database\n");
        return 1;
    }
    char *err = NULL;
    if (sqlite3_exec(db, SETUP, NULL, NULL, &err) != SQLITE_OK) {
        fprintf(stderr, "rollup: %s\n", err);
        return 1;
    }
    /* The library's major version is what the program needs; its minor version moves with Debian's updates. */
    printf("sqlite %d.x\n", sqlite3_libversion_number() / 1000000);
    int rc = 0;
    rc |= query(db, "stock per item",
                "SELECT item, SUM(qty) AS stock, COUNT(*) AS moves FROM moves GROUP BY item ORDER BY item;");
    rc |= query(db, "running stock of bolts",
                "SELECT day, qty, SUM(qty) OVER (ORDER BY day) AS running FROM moves WHERE item='bolt' ORDER BY day;");
    rc |= query(db, "days without moves",
                "WITH RECURSIVE d(day) AS (SELECT 1 UNION ALL SELECT day+1 FROM d WHERE day<7)"
                " SELECT day FROM d WHERE day NOT IN (SELECT day FROM moves);");
    sqlite3_close(db);
    return rc;
}
