-- Hono's JDBC device registry keeps its tables in a database of its own on the same server.
CREATE DATABASE hono OWNER anju;
