"""Many episodes at once on Dask: the manifest, the ledger, the workers and the feed."""
