"""The only code that writes the database. Routes call these functions."""
