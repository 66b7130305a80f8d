"""What changed between two drafts of a report, item by item, keyed by stable ids."""
