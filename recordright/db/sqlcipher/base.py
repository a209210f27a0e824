"""Django's SQLite backend on SQLCipher: every connection is keyed before use.

The key is derived from the master key (``recordright.keys``), never stored with
the database. Everything else is Django's own SQLite backend.
"""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Mapping
from itertools import tee

from django.db.backends.sqlite3 import base as sqlite_base
from django.db.backends.sqlite3._functions import register as register_functions
from django.utils.dateparse import parse_date, parse_datetime, parse_time
from sqlcipher3 import dbapi2 as Database

from recordright import keys

# The same adapters and converters Django registers on the standard sqlite3 module.
Database.register_converter("bool", b"1".__eq__)
Database.register_converter("date", sqlite_base.decoder(parse_date))
Database.register_converter("time", sqlite_base.decoder(parse_time))
Database.register_converter("datetime", sqlite_base.decoder(parse_datetime))
Database.register_converter("timestamp", sqlite_base.decoder(parse_datetime))
Database.register_adapter(decimal.Decimal, str)
Database.register_adapter(datetime.date, sqlite_base.adapt_date)
Database.register_adapter(datetime.datetime, sqlite_base.adapt_datetime)


class CipherCursorWrapper(Database.Cursor):
    """Django's SQLiteCursorWrapper, on SQLCipher's cursor class (same placeholder rewriting)."""

    convert_query = sqlite_base.SQLiteCursorWrapper.convert_query

    def execute(self, query, params=None):
        if params is None:
            return super().execute(query)
        param_names = list(params) if isinstance(params, Mapping) else None
        return super().execute(self.convert_query(query, param_names=param_names), params)

    def executemany(self, query, param_list):
        peekable, param_list = tee(iter(param_list))
        first = next(peekable, None)
        param_names = list(first) if first and isinstance(first, Mapping) else None
        return super().executemany(self.convert_query(query, param_names=param_names), param_list)


class DatabaseWrapper(sqlite_base.DatabaseWrapper):
    vendor = "sqlite"
    display_name = "SQLCipher"
    Database = Database

    def get_new_connection(self, conn_params):
        conn = Database.connect(**conn_params)
        key = self.settings_dict.get("OPTIONS", {}).get("key_hex") or keys.database_key_hex()
        # The key must be the first statement on a SQLCipher connection.
        conn.execute(f"PRAGMA key = \"x'{key}'\"")
        register_functions(conn)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA legacy_alter_table = OFF")
        for init_command in self.init_commands:
            if init_command := init_command.strip():
                conn.execute(init_command)
        return conn

    def get_connection_params(self):
        params = super().get_connection_params()
        # sqlcipher3 takes the same arguments as sqlite3, but not our own option.
        params.pop("key_hex", None)
        return params

    def create_cursor(self, name=None):
        return self.connection.cursor(factory=CipherCursorWrapper)
