// The hold model of plenum-bench's `engine` with std::priority_queue, as a baseline: the same
// key (time, then insertion sequence), the same generator and distribution (GSL's MT19937 and
// gsl_ran_exponential), so only the event list differs.
// With a third argument `std`, draws come from std::mt19937_64 and std::exponential_distribution
// instead (inlined, about 3x cheaper than GSL's call through a function pointer), to show how
// much of the time is the generator's.
// Build: g++ -O2 -o hold hold.cpp -lgsl -lgslcblas -lm
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <queue>
#include <random>
#include <cstring>
#include <vector>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

struct Event {
    double time;
    unsigned long long sequence;
    int entity;
    bool operator>(const Event &other) const {
        return time > other.time || (time == other.time && sequence > other.sequence);
    }
};

int main(int argc, char **argv) {
    long events = argc > 1 ? atol(argv[1]) : 10000000;
    int entities = argc > 2 ? atoi(argv[2]) : 1000;
    bool standard = argc > 3 && strcmp(argv[3], "std") == 0;
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, 1);
    std::mt19937_64 engine(1);
    std::exponential_distribution<double> exponential(1.0);
    auto draw = [&]() { return standard ? exponential(engine) : gsl_ran_exponential(rng, 1.0); };
    std::priority_queue<Event, std::vector<Event>, std::greater<Event>> queue;
    unsigned long long sequence = 0;
    for (int e = 0; e < entities; ++e) queue.push({draw(), sequence++, e});
    double checksum = 0, now = 0;
    auto start = std::chrono::steady_clock::now();
    for (long fired = 0; fired < events; ++fired) {
        Event event = queue.top();
        queue.pop();
        now = event.time;
        checksum += now;
        queue.push({now + draw(), sequence++, event.entity});
    }
    double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    printf("engine  c++    events=%ld entities=%d  %.3f s  %.0f events/s  (%s random; final time %.1f s, checksum %.6e)\n",
           events, entities, elapsed, events / elapsed, standard ? "std" : "GSL", now, checksum);
    gsl_rng_free(rng);
    return 0;
}
