# /// script
# requires-python = ">=3.11"
# dependencies = ["dask[distributed]>=2025.1", "cryptography>=44"]
# ///
"""Without a certificate the cluster's CA signed, a client cannot connect to a TLS scheduler."""

import logging
import sys

from dask.distributed import Client, LocalCluster
from distributed.security import Security

if __name__ == "__main__":
    security = Security.temporary()  # the cluster's CA and certificate
    cluster = LocalCluster(
        n_workers=1,
        threads_per_worker=1,
        dashboard_address=":0",
        silence_logs=logging.CRITICAL,
        security=security,
    )
    with cluster:
        address = cluster.scheduler_address
        print(f"scheduler: {address}")

        plain = address.replace("tls://", "tcp://")
        try:
            Client(plain, timeout=5)
        except OSError as exc:
            print(f"without TLS: {type(exc).__name__}")

        # It trusts the cluster's CA, but its certificate comes from a CA of its own.
        stranger = Security.temporary()
        credentials = Security(
            tls_ca_file=security.tls_ca_file,
            tls_client_cert=stranger.tls_client_cert,
            tls_client_key=stranger.tls_client_key,
            require_encryption=True,
        )
        try:
            Client(address, security=credentials, timeout=5)
        except OSError as exc:
            sys.exit(f"with a stranger's certificate: {exc}")
