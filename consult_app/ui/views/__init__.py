"""Views: layouts of the screens."""
