module example.com/envsrv

go 1.22
