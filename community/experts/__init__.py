"""Expert directory: profiles by field and region, and who fits a case, a thread or a lab."""
