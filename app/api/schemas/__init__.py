"""Request and response models of the REST API (``<Thing>Create``, ``<Thing>Read``, ``<Thing>Update``)."""
