"""Clinical logic: protocol model and loader, consultation, screening, assembly. Stdlib only."""
