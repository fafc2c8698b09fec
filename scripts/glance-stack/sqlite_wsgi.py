"""WSGI entry of the stack's uWSGI servers: the packaged script named by
TSGLANCE_STACK_WSGI (glance-wsgi-api, keystone-wsgi-public), with every
sqlite transaction started as BEGIN IMMEDIATE.

Why: the stack keeps its databases in sqlite (WAL). A transaction that
reads first and writes later is refused at once with "database is locked"
when another thread wrote in between (sqlite cannot wait there without
risking a deadlock), so concurrent requests failed with HTTP 500 and import
tasks died half-way, leaving images stuck in "importing". Taking the write
lock at BEGIN makes every transaction wait its turn instead (the busy
timeout of the connection URL), which a test stack can afford.
"""
import os
import runpy

from sqlalchemy import event
from sqlalchemy.engine import Engine


@event.listens_for(Engine, "begin")
def _begin_immediate(connection):
    # oslo.db already turns pysqlite's own transaction handling off and emits
    # a plain (deferred) BEGIN from its own "begin" hook, which runs after
    # this class-wide one and skips when it sees its in_transaction marker.
    if connection.dialect.name == "sqlite" and "in_transaction" not in connection.info:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
        connection.info["in_transaction"] = True


application = runpy.run_path(os.environ["TSGLANCE_STACK_WSGI"], run_name="tsglance_stack_wsgi")["application"]
