"""The consultation steps shown in the consultation view (steps 2-7 of design.md section 2)."""
