# The original tutorial's daemon program, unchanged.
import multiprocessing
import time

def daemon():
    p = multiprocessing.current_process()
    print(f'Starting: {p.name} {p.pid}')
    time.sleep(2)
    print('Exiting :', p.name, p.pid)

def non_daemon():
    p = multiprocessing.current_process()
    print(f'Starting: {p.name} {p.pid}')
    print('Exiting :', p.name, p.pid)

if __name__ == '__main__':
    d = multiprocessing.Process(
        name='daemon',
        target=daemon,
        daemon=True
    )

    n = multiprocessing.Process(
        name='non-daemon',
        target=non_daemon,
    )

    d.start()
    time.sleep(1)
    n.start()
