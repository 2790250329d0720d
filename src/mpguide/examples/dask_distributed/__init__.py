"""Chapter dask.distributed：从一台机器到集群 / dask.distributed: from one machine to a cluster."""
