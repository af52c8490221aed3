"""The OpenFOAM solver settings of the hall-airflow CFD (make_case.py writes them into each case's
system/ folder): simpleFoam with k-epsilon, its fields averaged over the second half of the
iterations, and the tracers' steady solve."""

SYSTEM = {
    "controlDict": """application simpleFoam;
startFrom latestTime;
startTime 0;
stopAt endTime;
endTime %(iterations)d;
deltaT 1;
writeControl timeStep;
writeInterval %(iterations)d;
purgeWrite 1;
writeFormat ascii;
writePrecision 8;
writeCompression off;
timeFormat general;
timePrecision 6;
runTimeModifiable false;
functions
{
    // The room's jets keep a steady solve's residuals near 1e-3 (the flow is not quite
    // steady): the tracers run on the mean of the last iterations.
    average
    {
        type fieldAverage;
        libs ("libfieldFunctionObjects.so");
        timeStart %(average_from)d;
        writeControl writeTime;
        fields
        (
            U { mean on; prime2Mean off; base time; }
            phi { mean on; prime2Mean off; base time; }
            nut { mean on; prime2Mean off; base time; }
        );
    }
}
""",
    "fvSchemes": """ddtSchemes { default steadyState; }
gradSchemes { default Gauss linear; }
divSchemes
{
    default none;
    div(phi,U) bounded Gauss linearUpwind grad(U);
    div(phi,k) bounded Gauss upwind;
    div(phi,epsilon) bounded Gauss upwind;
    div(phi,T) bounded Gauss linearUpwind grad(T);
    div((nuEff*dev2(T(grad(U))))) Gauss linear;
}
laplacianSchemes { default Gauss linear corrected; }
interpolationSchemes { default linear; }
snGradSchemes { default corrected; }
wallDist { method meshWave; }
""",
    "fvSolution": """solvers
{
    p { solver GAMG; tolerance 1e-07; relTol 0.05; smoother GaussSeidel; }
    "(U|k|epsilon)" { solver smoothSolver; smoother symGaussSeidel; tolerance 1e-07; relTol 0.1; }
    T { solver PBiCGStab; preconditioner DILU; tolerance 1e-09; relTol 0; }
}
SIMPLE
{
    nNonOrthogonalCorrectors 0;
    consistent yes;
    pRefCell 0;
    pRefValue 0;
    // T: the tracers' linearUpwind is a deferred correction, so their steady solve is iterated
    // until it converges (run_cfd.py); simpleFoam solves no T and ignores it.
    residualControl { p 1e-6; U 1e-7; "(k|epsilon)" 1e-7; T 1e-7; }
}
// The tracers are not under-relaxed: each iteration solves the whole linear system with the
// last iteration's higher-order correction.
relaxationFactors { equations { T 1; U 0.8; ".*" 0.8; } fields { p 0.9; } }
""",
}
