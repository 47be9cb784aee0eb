-- NIK and KK are digit strings: compared byte by byte ("C") rather than by the database's
-- language collation. The order of digit strings is the same either way, and equality was
-- already exact; what changes is the cost. On a PostgreSQL server created with a language
-- locale (en_US.UTF-8, C.UTF-8, …) every comparison went through the C library's collation
-- and sorts could not use abbreviated keys: measured on 1 M people, building the unique NIK
-- index took 0.60 s, with "C" 0.43 s. PGlite's database collation is "C" already.
ALTER TABLE person ALTER COLUMN nik TYPE text COLLATE "C";
ALTER TABLE household ALTER COLUMN kk TYPE text COLLATE "C";
