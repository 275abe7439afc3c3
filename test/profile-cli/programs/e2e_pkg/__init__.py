# A package for the end-to-end test of `hotspy profile -- -m e2e_pkg.tool`.
