"""The PostgreSQL test server is real: a database can be made, written and read back."""

import psycopg


def test_server_answers_on_its_socket(pg_server, pg_url):
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE t (x integer)")
        conn.execute("INSERT INTO t VALUES (41), (1)")
        total = conn.execute("SELECT sum(x) FROM t").fetchone()[0]
        host = conn.info.host
    assert total == 42
    assert host.startswith("/")  # a Unix socket, no TCP port
    assert (pg_server.socket_dir / f".s.PGSQL.{pg_server.port}").is_socket()
