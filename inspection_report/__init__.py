"""Inspection reports as code: findings in, accessible HTML and PDF out."""
