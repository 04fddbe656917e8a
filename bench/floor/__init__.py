"""The bare-Django floor of bench/pages.py: 50 rows from one select_related query rendered
through Django templates, with no menu, no filters, no permissions (issue #19)."""
