// The system SQLite (Debian: apt-get install libsqlite3-dev). Only BellwetherCore/History imports it.
#include <sqlite3.h>
