"""Entry point of a query worker process: ``python -m endpoint.worker READ_FD WRITE_FD STORE
RESULT_LIMIT MEMORY_LIMIT``. See :func:`endpoint.executor.worker_main`."""

from __future__ import annotations

import sys

from endpoint.executor import worker_main

if __name__ == "__main__":
    read_fd, write_fd, location, result_limit, memory_limit = sys.argv[1:6]
    worker_main(int(read_fd), int(write_fd), location, int(result_limit), int(memory_limit))
