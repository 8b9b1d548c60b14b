"""Pure data and rules. Imports nothing else from the project."""
