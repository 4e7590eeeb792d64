"""The policies shipped with the library, one TOML file each (``Policy.bundled(name)``).

Their names live here, apart from :mod:`guarantees.policy`, so that the command line can list
them in its help without loading the pydantic models.
"""

BUNDLED = ("default", "denial")
"""Names of the bundled policies: ``default`` (the seed analysis) first."""
