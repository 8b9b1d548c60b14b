"""Local users with roles and hashed passwords, API tokens for integrations, browser sessions + CSRF."""
